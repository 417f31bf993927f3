package cn.gridgov.wechat;

/** A phone number a user shared through the phone-number button: local number and country code. */
public record WeChatPhone(String purePhoneNumber, String countryCode) {
}
