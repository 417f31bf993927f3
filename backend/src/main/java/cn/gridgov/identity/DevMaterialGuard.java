package cn.gridgov.identity;

import io.quarkus.runtime.configuration.ConfigUtils;
import cn.gridgov.identity.auth.KeysConfig;
import cn.gridgov.identity.auth.SigningKeys;
import cn.gridgov.identity.personal.PersonalData;
import cn.gridgov.wechat.WeChatConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start a production instance (the packaged application, the demo run included) with development
 * material: the opt-in for the committed keys ({@code gridgov.keys.dev-keys-allowed}), those keys themselves,
 * WeChat's local dev mode outside the demo run, or demo data (public passwords) outside it. The demo run is
 * {@code gridgov.demo.load=true} in the {@code demo} profile ({@code ./gridgov run}), which listens on loopback.
 */
@Singleton
public class DevMaterialGuard {

    private final SigningKeys signingKeys;
    private final PersonalData personalData;
    private final KeysConfig keys;
    private final WeChatConfig wechat;
    private final boolean demoLoad;
    private final boolean demo;

    public DevMaterialGuard(SigningKeys signingKeys, PersonalData personalData, KeysConfig keys, WeChatConfig wechat,
                            @ConfigProperty(name = "gridgov.demo.load", defaultValue = "false") boolean demo) {
        this.signingKeys = signingKeys;
        this.personalData = personalData;
        this.keys = keys;
        this.wechat = wechat;
        this.demoLoad = demo;
        this.demo = demo && ConfigUtils.getProfiles().contains(DEMO_PROFILE);
    }

    /** The profile of the demo run, whose HTTP server listens on loopback unless told otherwise. */
    static final String DEMO_PROFILE = "demo";

    /** Whether demo data (known passwords) may be loaded: dev and test profiles, and the demo run. */
    public boolean demoAllowed() {
        return LaunchMode.current().isDevOrTest() || demo;
    }

    void check(@Observes StartupEvent event) {
        List<String> problems = new ArrayList<>(problems(LaunchMode.current(), keys.devKeysAllowed(),
                signingKeys.isDevKey(), personalData.usesDevKeys(), wechat.mode() == WeChatConfig.Mode.DEV, demo));
        if (demoRefused(LaunchMode.current(), demoLoad, demo)) {
            problems.add("gridgov.demo.load=true outside the demo profile (demo data has public passwords)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in production with " + String.join("; ", problems));
        }
    }

    /** Whether a start in {@code mode} must refuse to load demo data: asked for, outside dev, test and the demo run. */
    static boolean demoRefused(LaunchMode mode, boolean demoLoad, boolean demoRun) {
        return !mode.isDevOrTest() && demoLoad && !demoRun;
    }

    /** What development material a start in {@code mode} must refuse (nothing in dev and test). */
    static List<String> problems(LaunchMode mode, boolean devKeysAllowed, boolean devSigningKey, boolean devPiiKeys,
                                 boolean wechatDev, boolean demo) {
        List<String> problems = new ArrayList<>();
        if (mode.isDevOrTest()) {
            return problems;
        }
        if (devKeysAllowed) {
            problems.add("gridgov.keys.dev-keys-allowed=true (the committed keys are for dev and test only)");
        }
        if (devSigningKey) {
            problems.add("the development JWT signing key (set gridgov.jwt.signing-key and gridgov.jwt.key-id)");
        }
        if (devPiiKeys) {
            problems.add("the development personal-data keys (set gridgov.pii.encryption-key and gridgov.pii.hash-key)");
        }
        if (wechatDev && !demo) {
            problems.add("WeChat dev mode (set gridgov.wechat.mode=real with app-id and secret)");
        }
        return problems;
    }
}
