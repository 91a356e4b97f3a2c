package sa.navaia.dialer.webhook;

/** Phone numbers in logs show country code and a few digits only: {@code +1938***2295}. */
public final class PhoneMask {

    private PhoneMask() {
    }

    public static String mask(String phone) {
        if (phone == null || phone.isBlank()) {
            return "(none)";
        }
        if (phone.length() <= 8) {
            return "***" + phone.substring(Math.max(0, phone.length() - 2));
        }
        return phone.substring(0, 5) + "***" + phone.substring(phone.length() - 4);
    }
}
