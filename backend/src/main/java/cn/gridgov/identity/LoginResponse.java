package cn.gridgov.identity;

/** What every successful login or refresh answers. */
public record LoginResponse(String accessToken, String refreshToken, long expiresIn, String tokenType, UserView user) {
}
