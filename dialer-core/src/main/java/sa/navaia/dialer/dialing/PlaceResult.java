package sa.navaia.dialer.dialing;

/**
 * What the create-call request told us. {@link Placed}: Twilio created the call. {@link Refused}: a
 * clear 4xx answer; no call exists. {@link Unknown}: no clear answer (timeout, 5xx, connection reset);
 * a call may or may not exist, and only {@link AttemptResolver} may decide which.
 */
public sealed interface PlaceResult {

    record Placed(String callSid) implements PlaceResult {
    }

    record Refused(int httpStatus, String code, String message) implements PlaceResult {

        /** Twilio's answers that condemn the number itself, not our request: the contact is final. */
        public boolean numberIsInvalid() {
            return switch (code) {
                case "21211", "21214", "21215", "21216", "21217", "21401", "13223", "13224" -> true;
                default -> false;
            };
        }

        /** The recipient unsubscribed from the caller ID at the carrier. */
        public boolean numberOptedOut() {
            return "21610".equals(code);
        }
    }

    record Unknown(String detail) implements PlaceResult {
    }
}
