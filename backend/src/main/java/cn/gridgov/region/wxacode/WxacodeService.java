package cn.gridgov.region.wxacode;

import cn.gridgov.common.error.DomainException;
import cn.gridgov.common.error.NotFound;
import cn.gridgov.common.error.Unprocessable;
import cn.gridgov.media.ObjectStorage;
import cn.gridgov.media.StorageUnavailable;
import cn.gridgov.region.Region;
import cn.gridgov.region.RegionLevel;
import cn.gridgov.region.RegionRepository;
import cn.gridgov.wechat.WeChatClient;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Building and grid codes: each node's mini-program code (scene {@code r=<code>}, page the request form) is made
 * once, through WeChat (or a plain QR code in dev mode), kept in object storage and served from there afterwards.
 * A scanned scene resolves to its node and the node's chain.
 */
@ApplicationScoped
public class WxacodeService {

    private static final Logger LOG = Logger.getLogger(WxacodeService.class);
    private static final Pattern SCENE = Pattern.compile("r=([a-z0-9]{4,16})");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final RegionRepository regions;
    private final SceneRepository scenes;
    private final WeChatClient wechat;
    private final ObjectStorage storage;
    private final WxacodeConfig config;
    private final Clock clock;
    /** One generation per node at a time: concurrent requests for the same node share it. */
    private final ConcurrentHashMap<Long, Uni<byte[]>> inFlight = new ConcurrentHashMap<>();

    public WxacodeService(RegionRepository regions, SceneRepository scenes, WeChatClient wechat, ObjectStorage storage,
                          WxacodeConfig config, Clock clock) {
        this.regions = regions;
        this.scenes = scenes;
        this.wechat = wechat;
        this.storage = storage;
        this.config = config;
        this.clock = clock;
    }

    /** A node's code: the scene it carries and the PNG. */
    public record Code(String scene, byte[] png) {
    }

    /** The code of node {@code id} inside {@code scope}; 404 outside it. Made on first request, then served stored. */
    public Uni<Code> code(long id, String scope) {
        return inScope(id, scope).flatMap(region -> scenes.ensure(region.id()))
                .flatMap(row -> png(row).map(png -> new Code(row.scene(), png)));
    }

    /** What a scanned scene names: the node and its chain (root first, the node last); 404 for an unknown scene. */
    public Uni<SceneView> resolve(String scene) {
        var m = scene == null ? null : SCENE.matcher(scene);
        if (m == null || !m.matches()) {
            return Uni.createFrom().failure(sceneNotFound());
        }
        return scenes.findByCode(m.group(1)).flatMap(row -> {
            if (row == null) {
                throw sceneNotFound();
            }
            return regions.ancestorsAndSelf(row.regionId(), null).map(chain -> {
                if (chain.isEmpty()) {
                    throw sceneNotFound();
                }
                List<SceneView.Node> nodes = chain.stream().map(SceneView.Node::of).toList();
                return new SceneView(row.scene(), nodes.get(nodes.size() - 1), nodes);
            });
        });
    }

    /** A ZIP about to be streamed: its file name and body. */
    public record Zip(String fileName, int entries, StreamingOutput body) {
    }

    /**
     * Every building's code of compound {@code id} (inside {@code scope}), each made first if missing (so a WeChat
     * refusal is a clear error, not a cut stream), then streamed from storage as {@code <building name>.png}, the name also written under each code
     * ({@link LabelledCode}) so that a printed sheet cut apart still says which building each code belongs to.
     * Blocking: call from a worker thread.
     */
    public Zip compoundZip(long id, String scope) {
        Region compound = inScope(id, scope).await().atMost(WAIT);
        if (compound.level() != RegionLevel.COMPOUND) {
            throw DomainException.badRequest("WXACODE_NOT_COMPOUND", "只能为小区（网格）批量下载楼栋码",
                    "Batches of building codes are made for a compound only");
        }
        List<SceneRepository.Building> buildings = scenes.buildingsUnder(compound.path(), config.zipMaxBuildings() + 1)
                .await().atMost(WAIT);
        if (buildings.size() > config.zipMaxBuildings()) {
            throw new Unprocessable("WXACODE_TOO_MANY", "该小区楼栋超过 " + config.zipMaxBuildings() + " 栋，请分批下载",
                    "More than " + config.zipMaxBuildings() + " buildings in this compound");
        }
        List<String> keys = new ArrayList<>();
        for (SceneRepository.Building b : buildings) {
            SceneRow row = scenes.ensure(b.id()).await().atMost(WAIT);
            if (!current(row)) {
                png(row).await().atMost(WAIT);
            }
            keys.add(objectKey(row));
        }
        StreamingOutput body = out -> {
            Set<String> used = new HashSet<>();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (int i = 0; i < buildings.size(); i++) {
                    zip.putNextEntry(new ZipEntry(entryName(buildings.get(i).name(), used)));
                    try (InputStream in = open(keys.get(i))) {
                        // for printing: the building's name under its code
                        zip.write(LabelledCode.png(in.readAllBytes(), buildings.get(i).name()));
                    }
                    zip.closeEntry();
                }
            }
        };
        return new Zip(compound.name() + "-楼栋码.zip", buildings.size(), body);
    }

    private Uni<Region> inScope(long id, String scope) {
        if (scope == null) {
            // only staff bound to a node have codes to make: anyone else sees none
            return Uni.createFrom().failure(DomainException.notFound("Region", "区域", id));
        }
        return regions.findById(id, scope).map(region -> {
            if (region == null) {
                throw DomainException.notFound("Region", "区域", id);
            }
            return region;
        });
    }

    private boolean current(SceneRow row) {
        return row.objectKey() != null && config.page().equals(row.page());
    }

    private Uni<byte[]> png(SceneRow row) {
        if (current(row)) {
            return Uni.createFrom().item(() -> read(row.objectKey()))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return Uni.createFrom().deferred(() -> inFlight.computeIfAbsent(row.regionId(), regionId -> generate(row)
                .onTermination().invoke(() -> inFlight.remove(regionId))
                .memoize().indefinitely()));
    }

    private Uni<byte[]> generate(SceneRow row) {
        String key = objectKey(row);
        return wechat.wxacodeUnlimit(row.scene(), config.page(), config.envVersion(), config.width())
                .flatMap(png -> Uni.createFrom().item(() -> {
                            try {
                                storage.put(storage.config().displayBucket(), key, png, "image/png");
                            } catch (Exception e) {
                                LOG.warnf("cannot store the mini-program code %s: %s", key, e.getMessage());
                                throw new StorageUnavailable();
                            }
                            return png;
                        })
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .flatMap(png -> scenes.stored(row.regionId(), key, config.page(),
                        OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).replaceWith(png));
    }

    private static String objectKey(SceneRow row) {
        return "wxacode/" + row.regionId() + "-" + row.sceneCode() + ".png";
    }

    private byte[] read(String key) {
        try (InputStream in = open(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InputStream open(String key) {
        try {
            GetObjectResponse in = storage.client().getObject(GetObjectArgs.builder()
                    .bucket(storage.config().displayBucket()).object(key).build());
            return in;
        } catch (Exception e) {
            LOG.warnf("cannot read the mini-program code %s: %s", key, e.getMessage());
            throw new StorageUnavailable();
        }
    }

    /** A file name from the building's name: no path separators or control characters, unique within the ZIP. */
    static String entryName(String name, Set<String> used) {
        String base = name == null ? "" : name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").trim();
        if (base.isEmpty() || base.startsWith(".")) {
            base = "_" + base;
        }
        String candidate = base + ".png";
        for (int n = 2; !used.add(candidate); n++) {
            candidate = base + " (" + n + ").png";
        }
        return candidate;
    }

    private static DomainException sceneNotFound() {
        return new NotFound("SCENE_NOT_FOUND", "小程序码无效或已失效，请扫描楼栋或网格张贴的最新小程序码",
                "Unknown scene");
    }
}
