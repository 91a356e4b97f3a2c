-- wrk script: POSTs the pre-signed Twilio status callbacks of the file in REQUESTS_FILE (path TAB signature
-- TAB body), thread k sending lines k, k+T, k+2T, ... of its share; wraps around when it runs out (the
-- receiver then acknowledges repeats as duplicates; the script's caller reports how many rows were stored).
-- Lines REQUESTS_FIRST (default 0) up to, not including, REQUESTS_LIMIT are used, so that a warm-up run and the
-- measured run send different requests.
local threads = {}
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
function init(args)
  nthreads = tonumber(args[1]) or 1
  reqs = {}
  local n = 0
  local first = tonumber(os.getenv("REQUESTS_FIRST") or "0")
  for line in io.lines(os.getenv("REQUESTS_FILE")) do
    if n >= first and n % nthreads == id then
      local path, sig, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
      table.insert(reqs, wrk.format("POST", path, {["Content-Type"] = "application/x-www-form-urlencoded",
        ["X-Twilio-Signature"] = sig}, body))
    end
    n = n + 1
    if n >= tonumber(os.getenv("REQUESTS_LIMIT")) then break end
  end
  i = 0
end
function request()
  i = i % #reqs + 1
  return reqs[i]
end
