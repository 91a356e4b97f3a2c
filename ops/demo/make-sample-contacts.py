#!/usr/bin/env python3
"""Writes ops/demo/contacts.csv, the demo's sample list: a few hundred contacts across time zones,
with the rows a real CRM export contains too (bad numbers, duplicates, missing consent, 911, a
premium-rate number). Deterministic: the same file every time."""
import csv, random, pathlib

rng = random.Random(20261124)
out = pathlib.Path(__file__).with_name("contacts.csv")

def us(area):    return f"+1{area}{rng.randint(200, 989)}{rng.randint(1000, 9999)}"
pools = [
    ("US", lambda: us(rng.choice(["212", "617", "404", "305"]))),   # Eastern (305: Florida, stricter window)
    ("US", lambda: us(rng.choice(["312", "713", "214"]))),          # Central
    ("US", lambda: us(rng.choice(["303", "602"]))),                 # Mountain, Arizona
    ("US", lambda: us(rng.choice(["415", "206", "213"]))),          # Pacific
    ("GB", lambda: f"+447{rng.choice(['400','500','700','800','900'])}{rng.randint(100000, 999999)}"),
    ("SA", lambda: f"+9665{rng.choice('0345689')}{rng.randint(1000000, 9999999)}"),
    ("IN", lambda: f"+919{rng.randint(100000000, 999999999)}"),
    ("JP", lambda: f"+8190{rng.randint(10000000, 99999999)}"),
    ("AU", lambda: f"+614{rng.randint(10000000, 99999999)}"),
]
plans = ["basic", "plus", "premium"]
rows, seen = [], set()
for i in range(1, 281):
    region, make = pools[i % len(pools)]
    phone = make()
    while phone in seen:
        phone = make()
    seen.add(phone)
    consent = "no" if i % 23 == 0 else "yes"
    rows.append([f"C{i:04d}", f"Customer {i}", phone, "", consent, "web-signup" if consent == "yes" else "",
                 rng.choice(plans), f"2027-0{1 + i % 9}-{1 + i % 27:02d}"])
# national formats with the campaign's default region (US)
rows.append(["C0901", "National Format", f"(212) {rng.randint(200, 989)}-{rng.randint(1000, 9999)}", "", "yes", "crm", "basic", "2027-02-01"])
rows.append(["C0902", "Dotted Format", f"212.{rng.randint(200, 989)}.{rng.randint(1000, 9999)}", "America/New_York", "yes", "crm", "plus", "2027-02-02"])
# rows a campaign manager's export always contains
rows.append(["C0903", "Letters In Number", "+1 212 ABC 1234", "", "yes", "crm", "basic", "2027-03-01"])
rows.append(["C0904", "Emergency", "911", "", "yes", "crm", "basic", "2027-03-02"])
rows.append(["C0905", "Premium Rate", "+1 900 555 0199", "", "yes", "crm", "basic", "2027-03-03"])
rows.append(["C0906", "Duplicate Of C0001", rows[0][2], "", "yes", "crm", "basic", "2027-03-04"])
rows.append(["C0907", "Unknown Zone", us("212"), "Mars/Olympus_Mons", "yes", "crm", "basic", "2027-03-05"])
rows.append(["C0908", "Empty Number", "", "", "yes", "crm", "basic", "2027-03-06"])
rows.append(["C0909", "Formula =1+1", us("212"), "", "yes", "=HYPERLINK(\"http://example.com\")", "basic", "2027-03-07"])
with out.open("w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["customer_id", "name", "phone", "timezone", "consent", "consent_source", "plan", "renewal_date"])
    w.writerows(rows)
print(f"wrote {out} ({len(rows)} rows)")

# The second campaign's list (agent "sales"): a few contacts in every zone, each with ElevenLabs' batch-calling
# override column first_message, which the personalisation webhook turns into the agent's first words.
sales_rng = random.Random(20261202)
sales_out = pathlib.Path(__file__).with_name("sales-contacts.csv")
sales = []
for i in range(1, 19):
    region, make = pools[i % len(pools)]
    phone = make()
    while phone in seen:
        phone = make()
    seen.add(phone)
    sales.append([f"S{i:03d}", f"Prospect {i}", phone, "yes", "event-signup", sales_rng.choice(plans),
                  "Hello {{customer_name}}, this is the sales assistant about upgrading your {{plan}} plan."])
with sales_out.open("w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["customer_id", "name", "phone", "consent", "consent_source", "plan", "first_message"])
    w.writerows(sales)
print(f"wrote {sales_out} ({len(sales)} rows)")
