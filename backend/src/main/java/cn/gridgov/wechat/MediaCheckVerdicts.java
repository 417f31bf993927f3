package cn.gridgov.wechat;

import io.smallrye.mutiny.Uni;

/**
 * Where the verdicts of {@code mediaCheckAsync} go when WeChat pushes them to the callback ({@code wxa_media_check}
 * events): implemented by the domain that asked (moderation), so this package does not depend on it.
 */
public interface MediaCheckVerdicts {

    /** The verdict for the check WeChat answered with {@code check.traceId()}; unknown trace ids are ignored. */
    Uni<Void> received(ContentCheck check);
}
