package cn.gridgov.identity;

import cn.gridgov.wechat.WeChatConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start a production instance with development material: the committed JWT key, the default
 * personal-data keys, or WeChat's local dev mode. Allowed in dev, test and the demo run
 * ({@code gridgov.demo.load=true}).
 */
@Singleton
public class DevMaterialGuard {

    private final SigningKeys signingKeys;
    private final PersonalData personalData;
    private final WeChatConfig wechat;
    private final boolean demo;

    public DevMaterialGuard(SigningKeys signingKeys, PersonalData personalData, WeChatConfig wechat,
                            @ConfigProperty(name = "gridgov.demo.load", defaultValue = "false") boolean demo) {
        this.signingKeys = signingKeys;
        this.personalData = personalData;
        this.wechat = wechat;
        this.demo = demo;
    }

    /** Whether development material may be used: dev and test profiles, and the demo run. */
    public boolean devAllowed() {
        return LaunchMode.current().isDevOrTest() || demo;
    }

    void check(@Observes StartupEvent event) {
        if (devAllowed()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (signingKeys.isDevKey()) {
            problems.add("the development JWT signing key (set gridgov.jwt.signing-key and gridgov.jwt.key-id)");
        }
        if (personalData.usesDevKeys()) {
            problems.add("the development personal-data keys (set gridgov.pii.encryption-key and gridgov.pii.hash-key)");
        }
        if (wechat.mode() == WeChatConfig.Mode.DEV) {
            problems.add("WeChat dev mode (set gridgov.wechat.mode=real with app-id and secret)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start in production with " + String.join("; ", problems));
        }
    }
}
