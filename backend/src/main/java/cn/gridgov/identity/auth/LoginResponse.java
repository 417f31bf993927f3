package cn.gridgov.identity.auth;

import cn.gridgov.identity.UserView;

/** What every successful login or refresh answers. */
public record LoginResponse(String accessToken, String refreshToken, long expiresIn, String tokenType, UserView user) {
}
