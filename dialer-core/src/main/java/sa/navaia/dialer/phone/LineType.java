package sa.navaia.dialer.phone;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;

/**
 * The kind of line behind a dialable number. Premium-rate and shared-cost numbers are refused when
 * parsing, so they have no value here.
 */
public enum LineType {
    FIXED_LINE, MOBILE, FIXED_LINE_OR_MOBILE, TOLL_FREE, VOIP, PERSONAL_NUMBER, PAGER, UAN, VOICEMAIL, UNKNOWN;

    static LineType of(PhoneNumberType type) {
        return switch (type) {
            case FIXED_LINE -> FIXED_LINE;
            case MOBILE -> MOBILE;
            case FIXED_LINE_OR_MOBILE -> FIXED_LINE_OR_MOBILE;
            case TOLL_FREE -> TOLL_FREE;
            case VOIP -> VOIP;
            case PERSONAL_NUMBER -> PERSONAL_NUMBER;
            case PAGER -> PAGER;
            case UAN -> UAN;
            case VOICEMAIL -> VOICEMAIL;
            case PREMIUM_RATE, SHARED_COST, UNKNOWN -> UNKNOWN;
        };
    }
}
