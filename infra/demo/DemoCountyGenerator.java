import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a deterministic, fictional county tree (county > towns > communities > compounds > buildings) as one
 * GeoJSON FeatureCollection (WGS-84) on stdout: one feature per line, parents before children, depth first.
 *
 * <p>Run with the JDK's source launcher, no build needed:
 * {@code java infra/demo/DemoCountyGenerator.java --demo > demo-county.geojson}. See infra/demo/README.md.
 *
 * <p>Geometry is built in a local metric plane (metres east/north of the centre) and mapped linearly to
 * degrees, so validity and nesting carry over: towns are convex cells of a jittered lattice that tile the
 * county, communities are convex cells that tile their town, compounds are community cells shrunk by half a
 * street, buildings are rectangles laid out in rows inside their compound. Shared borders share the very same
 * vertices (the same doubles, hence the same printed digits).
 */
public final class DemoCountyGenerator {

    // Sizes in metres. Buildings: ~50 x 15 m footprints, spaced at least GAP_FLOOR apart.
    static final double L_MIN = 42, L_MAX = 58, W_MIN = 12, W_MAX = 16;
    static final double GAP_X_MIN = 10, GAP_X_MAX = 14, GAP_Y_MIN = 18, GAP_Y_MAX = 26, GAP_FLOOR = 9;
    /** Building to compound border: at least 5 m is promised, 7 m leaves room for the projection error. */
    static final double BUILDING_MARGIN = 7;
    /** Half a street: compounds are this far from their community cell's border, so streets are twice as wide. */
    static final double STREET_HALF = 10;
    /** Share of a community's width and height given to its block of compounds (the rest is fields, roads). */
    static final double BLOCK = 0.86;
    /** Nominal community size over what its compounds need, to absorb the lattice jitter. */
    static final double SLACK = 1.3;
    static final double TOWN_JITTER = 0.08, EDGE_JITTER = 0.12, COMPOUND_JITTER = 0.12;

    record P(double x, double y) {
        P plus(P o) { return new P(x + o.x, y + o.y); }
        P minus(P o) { return new P(x - o.x, y - o.y); }
        P times(double k) { return new P(x * k, y * k); }
        double cross(P o) { return x * o.y - y * o.x; }
        double length() { return Math.hypot(x, y); }
        P lerp(P o, double t) { return new P(x + (o.x - x) * t, y + (o.y - y) * t); }
    }

    /** SplitMix64: specified here so the output does not depend on the JDK's random generators. */
    static final class Rng {
        private long state;
        Rng(long seed) { state = seed; }
        long next() { return mix(state += 0x9E3779B97F4A7C15L); }
        double unit() { return (next() >>> 11) * 0x1.0p-53; }
        double range(double lo, double hi) { return lo + (hi - lo) * unit(); }
        int below(int n) { return (int) Math.floorMod(next(), (long) n); }
        int between(int lo, int hi) { return lo + below(hi - lo + 1); }
        boolean chance(double p) { return unit() < p; }
        <T> T pick(T[] items) { return items[below(items.length)]; }
        static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }

    static final class Options {
        int towns = 4, communities = 2, compounds = 4, buildings = 10;
        long seed = 20260101L;
        String prefix = "140425", countyName = "平顺县(演示)";
        double lng = 113.43, lat = 36.20, spread = 1.0;
    }

    static final String USAGE = """
            Usage: java infra/demo/DemoCountyGenerator.java [options] > county.geojson
              --demo            the committed demo county: 5 towns x 2 communities x 4 compounds x 10 buildings,
                                spread 2 (options given with it still apply)
              --towns N         towns in the county (default 4)
              --communities M   communities (社区/村) per town (default 2)
              --compounds K     compounds (小区/自然村) per community (default 4)
              --buildings B     buildings per compound (default 10)
              --seed S          random seed (default 20260101); same options, same bytes
              --code-prefix P   county code; towns are P001.., communities P001001.. (default 140425)
              --county-name X   county name (default 平顺县(演示))
              --center LNG,LAT  centre of the county in WGS-84 (default 113.43,36.20)
              --spread F        land per community over what its compounds need, >= 1 (default 1.0);
                                the rest is fields and roads around the compounds
            Big tree: --towns 40 --communities 25 --compounds 10 --buildings 20 (211,041 features).
            """;

    public static void main(String[] args) throws IOException {
        Options o = parse(args);
        Writer out = new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16);
        new DemoCountyGenerator(o, out).write();
        out.flush();
    }

    static Options parse(String[] args) {
        Options o = new Options();
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (rest.remove("--demo")) {
            o.towns = 5; o.communities = 2; o.compounds = 4; o.buildings = 10; o.spread = 2;
        }
        try {
            for (int i = 0; i < rest.size(); i++) {
                String flag = rest.get(i);
                if (flag.equals("--help") || flag.equals("-h")) { System.err.print(USAGE); System.exit(0); }
                if (i + 1 >= rest.size()) throw new IllegalArgumentException("missing value for " + flag);
                String v = rest.get(++i);
                switch (flag) {
                    case "--towns" -> o.towns = positive(flag, v);
                    case "--communities" -> o.communities = positive(flag, v);
                    case "--compounds" -> o.compounds = positive(flag, v);
                    case "--buildings" -> o.buildings = positive(flag, v);
                    case "--seed" -> o.seed = Long.parseLong(v);
                    case "--code-prefix" -> o.prefix = v;
                    case "--county-name" -> o.countyName = v;
                    case "--spread" -> o.spread = Double.parseDouble(v);
                    case "--center" -> {
                        String[] ll = v.split(",");
                        o.lng = Double.parseDouble(ll[0]);
                        o.lat = Double.parseDouble(ll[1]);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if (o.spread < 1) throw new IllegalArgumentException("--spread must be at least 1");
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        }
        return o;
    }

    static int positive(String flag, String v) {
        int n = Integer.parseInt(v);
        if (n < 1) throw new IllegalArgumentException(flag + " must be at least 1");
        return n;
    }

    private final Options o;
    private final Writer out;
    private final StringBuilder sb = new StringBuilder(4096);
    private final Names names;
    // Layout: communities per town (a x b), compound cells per community (kc x kr), buildings per compound (bc x br).
    private final int a, b, kc, kr, bc, br;
    private final double townW, townH;
    private final int gridCols, gridRows;
    private final boolean[][] inCounty;
    private final List<int[]> townCells = new ArrayList<>();
    private final double originX, originY, metresPerLng, metresPerLat;
    private final int townDigits, communityDigits, compoundDigits, buildingDigits;

    DemoCountyGenerator(Options o, Writer out) {
        this.o = o;
        this.out = out;
        this.names = new Names();
        int[] ab = factorPair(o.communities);
        a = ab[0];
        b = ab[1];
        double colStepMax = L_MAX + GAP_X_MAX, rowStepMax = W_MAX + GAP_Y_MAX;
        int[] bb = arrangement(o.buildings, colStepMax, rowStepMax, 1.3);
        bc = bb[0];
        br = bb[1];
        double compoundW = bc * L_MAX + (bc - 1) * GAP_X_MAX + 2 * BUILDING_MARGIN + 2 * STREET_HALF + 6;
        double compoundH = br * W_MAX + (br - 1) * GAP_Y_MAX + 2 * BUILDING_MARGIN + 2 * STREET_HALF + 6;
        int[] kk = arrangement(o.compounds, compoundW, compoundH, 1.2);
        kc = kk[0];
        kr = kk[1];
        double grow = SLACK / BLOCK * Math.sqrt(o.spread);
        townW = a * kc * compoundW * grow;
        townH = b * kr * compoundH * grow;

        // The county: the lattice cells nearest (in an elliptic metric) to the centre. Such a set has no holes
        // and no cells touching by a corner only, so its outline is one simple ring.
        double radius = Math.sqrt(o.towns * townW * townH / (1.25 * Math.PI));
        gridCols = (int) Math.ceil(2.5 * radius / townW) + 3;
        gridRows = (int) Math.ceil(2.0 * radius / townH) + 3;
        originX = (gridCols / 2.0 + 0.137) * townW;
        originY = (gridRows / 2.0 + 0.291) * townH;
        List<double[]> ranked = new ArrayList<>();
        for (int gi = 0; gi < gridCols; gi++) {
            for (int gj = 0; gj < gridRows; gj++) {
                double dx = ((gi + 0.5) * townW - originX) / 1.25, dy = (gj + 0.5) * townH - originY;
                ranked.add(new double[] {dx * dx + dy * dy, gi, gj});
            }
        }
        ranked.sort((p, q) -> p[0] != q[0] ? Double.compare(p[0], q[0])
                : p[1] != q[1] ? Double.compare(p[1], q[1]) : Double.compare(p[2], q[2]));
        inCounty = new boolean[gridCols][gridRows];
        for (int t = 0; t < o.towns; t++) {
            int gi = (int) ranked.get(t)[1], gj = (int) ranked.get(t)[2];
            inCounty[gi][gj] = true;
            townCells.add(new int[] {gi, gj});
        }
        double phi = Math.toRadians(o.lat);
        metresPerLat = 111132.954 - 559.822 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi);
        metresPerLng = 111412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi);
        townDigits = digits(o.towns);
        communityDigits = digits(o.communities);
        compoundDigits = digits(o.compounds);
        buildingDigits = digits(o.buildings);
    }

    static int digits(int n) { return Math.max(3, String.valueOf(n).length()); }

    /** The most square a x b = n (a >= b): communities must tile their town, so no empty cells here. */
    static int[] factorPair(int n) {
        int best = 1;
        for (int d = 1; (long) d * d <= n; d++) if (n % d == 0) best = d;
        return new int[] {n / best, best};
    }

    /** Columns x rows for n items of cellW x cellH: near the wanted aspect, few empty cells. */
    static int[] arrangement(int n, double cellW, double cellH, double aspect) {
        int bestC = 1;
        double bestCost = Double.MAX_VALUE;
        for (int c = 1; c <= n; c++) {
            int r = (n + c - 1) / c;
            double cost = Math.abs(Math.log(c * cellW / (r * cellH) / aspect)) + 2.0 * (c * r - n) / n;
            if (cost < bestCost - 1e-12) { bestCost = cost; bestC = c; }
        }
        return new int[] {bestC, (n + bestC - 1) / bestC};
    }

    Rng rng(long... keys) {
        long h = Rng.mix(o.seed ^ 0x5DEECE66DL);
        for (long k : keys) h = Rng.mix(h ^ Rng.mix(k + 0x632BE59BD9B4E019L));
        return new Rng(h);
    }

    // ---------------------------------------------------------------- lattice of towns

    P vertex(int gi, int gj) {
        Rng r = rng('V', gi, gj);
        return new P(gi * townW + r.range(-1, 1) * TOWN_JITTER * townW,
                gj * townH + r.range(-1, 1) * TOWN_JITTER * townH);
    }

    /** Points along a lattice edge, ends included; both towns sharing it get the very same points. */
    P[] edge(boolean horizontal, int gi, int gj) {
        int n = horizontal ? a : b;
        P from = vertex(gi, gj), to = horizontal ? vertex(gi + 1, gj) : vertex(gi, gj + 1);
        Rng r = rng(horizontal ? 'H' : 'E', gi, gj);
        P[] pts = new P[n + 1];
        pts[0] = from;
        pts[n] = to;
        for (int k = 1; k < n; k++) pts[k] = from.lerp(to, (k + r.range(-1, 1) * EDGE_JITTER) / n);
        return pts;
    }

    /** The town's community lattice: (a+1) x (b+1) points, borders taken from the shared edges. */
    P[][] townLattice(int gi, int gj) {
        P[] bottom = edge(true, gi, gj), top = edge(true, gi, gj + 1);
        P[] left = edge(false, gi, gj), right = edge(false, gi + 1, gj);
        P[][] q = new P[a + 1][b + 1];
        for (int i = 0; i <= a; i++) {
            for (int j = 0; j <= b; j++) {
                if (j == 0) q[i][j] = bottom[i];
                else if (j == b) q[i][j] = top[i];
                else if (i == 0) q[i][j] = left[j];
                else if (i == a) q[i][j] = right[j];
                else q[i][j] = intersect(bottom[i], top[i], left[j], right[j]);
            }
        }
        return q;
    }

    static P intersect(P p1, P p2, P q1, P q2) {
        P r = p2.minus(p1), s = q2.minus(q1);
        double t = q1.minus(p1).cross(s) / r.cross(s);
        return p1.plus(r.times(t));
    }

    static P[] townRing(P[][] q, int a, int b) {
        List<P> ring = new ArrayList<>();
        for (int i = 0; i < a; i++) ring.add(q[i][0]);
        for (int j = 0; j < b; j++) ring.add(q[a][j]);
        for (int i = a; i > 0; i--) ring.add(q[i][b]);
        for (int j = b; j > 0; j--) ring.add(q[0][j]);
        return ring.toArray(P[]::new);
    }

    boolean inCounty(int gi, int gj) {
        return gi >= 0 && gj >= 0 && gi < gridCols && gj < gridRows && inCounty[gi][gj];
    }

    /** The county outline: the boundary edges of its town cells, chained counter-clockwise. */
    P[] countyRing() {
        Map<Long, Run> byStart = new HashMap<>();
        for (int[] c : townCells) {
            int gi = c[0], gj = c[1];
            if (!inCounty(gi, gj - 1)) addRun(byStart, key(gi, gj), key(gi + 1, gj), edge(true, gi, gj), false);
            if (!inCounty(gi + 1, gj)) addRun(byStart, key(gi + 1, gj), key(gi + 1, gj + 1), edge(false, gi + 1, gj), false);
            if (!inCounty(gi, gj + 1)) addRun(byStart, key(gi + 1, gj + 1), key(gi, gj + 1), edge(true, gi, gj + 1), true);
            if (!inCounty(gi - 1, gj)) addRun(byStart, key(gi, gj + 1), key(gi, gj), edge(false, gi, gj), true);
        }
        long start = byStart.keySet().stream().min(Long::compare).orElseThrow();
        List<P> ring = new ArrayList<>();
        long at = start;
        int used = 0;
        do {
            Run run = byStart.get(at);
            ring.addAll(run.points());
            at = run.end();
            used++;
        } while (at != start);
        if (used != byStart.size()) throw new IllegalStateException("the county outline is not one ring");
        return ring.toArray(P[]::new);
    }

    /** A stretch of the county outline from one lattice vertex to the next. */
    record Run(List<P> points, long end) {}

    static void addRun(Map<Long, Run> byStart, long from, long to, P[] pts, boolean reversed) {
        List<P> run = new ArrayList<>();
        int n = pts.length - 1;
        for (int k = 0; k < n; k++) run.add(reversed ? pts[n - k] : pts[k]);
        if (byStart.put(from, new Run(run, to)) != null) throw new IllegalStateException("county cells touch by a corner");
    }

    static long key(int gi, int gj) { return ((long) gi << 32) | (gj & 0xffffffffL); }

    // ---------------------------------------------------------------- compounds and buildings

    static P bilinear(P[] c, double u, double v) {
        return c[0].times((1 - u) * (1 - v)).plus(c[1].times(u * (1 - v))).plus(c[2].times(u * v)).plus(c[3].times((1 - u) * v));
    }

    /** A convex counter-clockwise polygon moved inwards by d on every side. */
    static P[] inset(P[] poly, double d) {
        int n = poly.length;
        P[] base = new P[n], dir = new P[n];
        for (int i = 0; i < n; i++) {
            P e = poly[(i + 1) % n].minus(poly[i]);
            P inward = new P(-e.y(), e.x()).times(d / e.length());
            base[i] = poly[i].plus(inward);
            dir[i] = e;
        }
        P[] res = new P[n];
        for (int i = 0; i < n; i++) {
            int prev = (i + n - 1) % n;
            res[i] = intersect(base[prev], base[prev].plus(dir[prev]), base[i], base[i].plus(dir[i]));
        }
        return res;
    }

    static boolean inside(P[] convexCcw, P p) {
        for (int i = 0; i < convexCcw.length; i++) {
            P e = convexCcw[(i + 1) % convexCcw.length].minus(convexCcw[i]);
            if (e.cross(p.minus(convexCcw[i])) < 0) return false;
        }
        return true;
    }

    /** The community's compounds: cells of its central block, each shrunk by half a street; some cells stay empty. */
    List<P[]> compounds(P[] community, int t, int m) {
        Rng r = rng('K', t, m);
        double f = (1 - BLOCK / Math.sqrt(o.spread)) / 2;
        double[] us = splits(kc, f, r.range(-0.6, 0.6) * f, r), vs = splits(kr, f, r.range(-0.6, 0.6) * f, r);
        int cells = kc * kr;
        boolean[] empty = new boolean[cells];
        for (int e = 0; e < cells - o.compounds; ) {
            int c = r.below(cells);
            if (!empty[c]) { empty[c] = true; e++; }
        }
        List<P[]> res = new ArrayList<>();
        for (int q = kr - 1; q >= 0; q--) {
            for (int p = 0; p < kc; p++) {
                if (empty[q * kc + p]) continue;
                P[] cell = {bilinear(community, us[p], vs[q]), bilinear(community, us[p + 1], vs[q]),
                        bilinear(community, us[p + 1], vs[q + 1]), bilinear(community, us[p], vs[q + 1])};
                res.add(inset(cell, STREET_HALF));
            }
        }
        return res;
    }

    /** n cells over [f, 1 - f] moved by shift, inner splits jittered. */
    static double[] splits(int n, double f, double shift, Rng r) {
        double[] s = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            double jitter = k == 0 || k == n ? 0 : r.range(-1, 1) * COMPOUND_JITTER;
            s[k] = f + shift + (1 - 2 * f) * (k + jitter) / n;
        }
        return s;
    }

    /** Buildings in rows along the compound's main direction, at least GAP_FLOOR apart, shrunk until they fit. */
    List<P[]> buildings(P[] compound, String code, int t, int m, int k) {
        Rng r = rng('G', t, m, k);
        P[] room = inset(compound, BUILDING_MARGIN);
        P axis = compound[1].minus(compound[0]).plus(compound[2].minus(compound[3]));
        double angle = Math.atan2(axis.y(), axis.x()) + (r.chance(0.4) ? Math.toRadians(r.range(-8, 8)) : 0);
        P ux = new P(Math.cos(angle), Math.sin(angle)), uy = new P(-ux.y(), ux.x());
        P centre = room[0].plus(room[1]).plus(room[2]).plus(room[3]).times(0.25);
        double[] len = new double[o.buildings], wid = new double[o.buildings];
        for (int i = 0; i < o.buildings; i++) {
            len[i] = r.range(L_MIN, L_MAX);
            wid[i] = r.range(W_MIN, W_MAX);
        }
        double gapX = r.range(GAP_X_MIN, GAP_X_MAX), gapY = r.range(GAP_Y_MIN, GAP_Y_MAX), scale = 1;
        for (int attempt = 0; attempt < 40; attempt++) {
            List<P[]> res = layout(centre, ux, uy, len, wid, scale, gapX, gapY);
            boolean fits = true;
            for (P[] rect : res) for (P p : rect) fits &= inside(room, p);
            if (fits) return res;
            gapY = Math.max(GAP_FLOOR, gapY * 0.85);
            gapX = Math.max(GAP_FLOOR, gapX * 0.9);
            scale *= 0.94;
        }
        throw new IllegalStateException("buildings do not fit in compound " + code);
    }

    List<P[]> layout(P centre, P ux, P uy, double[] len, double[] wid, double s, double gapX, double gapY) {
        double colStep = L_MAX * s + gapX, rowStep = W_MAX * s + gapY;
        List<P[]> res = new ArrayList<>();
        for (int i = 0; i < o.buildings; i++) {
            int row = i / bc, col = i % bc;
            int inRow = Math.min(bc, o.buildings - row * bc);
            double x = (col - (inRow - 1) / 2.0) * colStep, y = ((br - 1) / 2.0 - row) * rowStep;
            P c = centre.plus(ux.times(x)).plus(uy.times(y));
            P hx = ux.times(len[i] * s / 2), hy = uy.times(wid[i] * s / 2);
            res.add(new P[] {c.minus(hx).minus(hy), c.plus(hx).minus(hy), c.plus(hx).plus(hy), c.minus(hx).plus(hy)});
        }
        return res;
    }

    // ---------------------------------------------------------------- attributes

    record Stats(long households, long population) {
        Stats plus(Stats s) { return new Stats(households + s.households, population + s.population); }
    }

    boolean urban(int t, int m) { return (t == 0 && m == 0) || rng('U', t, m).chance(names.townIsTown(t) ? 0.5 : 0.25); }

    int[] building(int t, int m, int k, int i) {
        Rng r = rng('B', t, m, k, i);
        boolean urban = urban(t, m);
        int floors = urban ? r.between(5, 18) : r.between(2, 4);
        int units = urban ? r.between(1, 4) : r.between(1, 2);
        int households = urban ? floors * units * 2 : floors * units;
        int population = (int) Math.round(households * r.range(2.3, 3.1));
        return new int[] {floors, units, households, population};
    }

    Stats compoundStats(int t, int m, int k) {
        Stats s = new Stats(0, 0);
        for (int i = 0; i < o.buildings; i++) {
            int[] v = building(t, m, k, i);
            s = s.plus(new Stats(v[2], v[3]));
        }
        return s;
    }

    Stats communityStats(int t, int m) {
        Stats s = new Stats(0, 0);
        for (int k = 0; k < o.compounds; k++) s = s.plus(compoundStats(t, m, k));
        return s;
    }

    Stats townStats(int t) {
        Stats s = new Stats(0, 0);
        for (int m = 0; m < o.communities; m++) s = s.plus(communityStats(t, m));
        return s;
    }

    static String stats(Stats s) {
        return "{\"households\":" + s.households + ",\"population\":" + s.population + "}";
    }

    // ---------------------------------------------------------------- output

    void write() throws IOException {
        out.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
        Stats county = new Stats(0, 0);
        Stats[] towns = new Stats[o.towns];
        for (int t = 0; t < o.towns; t++) county = county.plus(towns[t] = townStats(t));
        feature(o.prefix, null, o.countyName, "COUNTY", stats(county), "中共" + o.countyName + "委员会",
                names.person(rng('S', 0)), countyRing());
        String[] townNames = names.towns(o.towns, rng('T'));
        for (int t = 0; t < o.towns; t++) {
            int gi = townCells.get(t)[0], gj = townCells.get(t)[1];
            String townCode = o.prefix + pad(t + 1, townDigits);
            P[][] lattice = townLattice(gi, gj);
            feature(townCode, o.prefix, townNames[t], "TOWN", stats(towns[t]), townNames[t] + "党委",
                    names.person(rng('S', 1, t)), townRing(lattice, a, b));
            boolean[] urban = new boolean[o.communities];
            for (int m = 0; m < o.communities; m++) urban[m] = urban(t, m);
            String[] communityNames = names.communities(urban, rng('C', t));
            for (int m = 0; m < o.communities; m++) {
                int i = m % a, j = b - 1 - m / a;
                P[] community = {lattice[i][j], lattice[i + 1][j], lattice[i + 1][j + 1], lattice[i][j + 1]};
                writeCommunity(t, m, townCode, communityNames[m], urban[m], community);
            }
        }
        out.write("\n]}\n");
    }

    void writeCommunity(int t, int m, String townCode, String name, boolean urban, P[] ring) throws IOException {
        String code = townCode + pad(m + 1, communityDigits);
        feature(code, townCode, name, "COMMUNITY", stats(communityStats(t, m)),
                name + (urban ? "党委" : "党支部"), names.person(rng('S', 2, t, m)), ring);
        List<P[]> compounds = compounds(ring, t, m);
        String[] compoundNames = names.compounds(o.compounds, urban, rng('N', t, m));
        for (int k = 0; k < o.compounds; k++) {
            String compoundCode = code + pad(k + 1, compoundDigits);
            Stats s = compoundStats(t, m, k);
            String attrs = "{\"households\":" + s.households + ",\"population\":" + s.population
                    + ",\"buildings\":" + o.buildings + "}";
            feature(compoundCode, code, compoundNames[k], "COMPOUND", attrs, compoundNames[k] + "党支部",
                    names.person(rng('S', 3, t, m, k)), compounds.get(k));
            List<P[]> footprints = buildings(compounds.get(k), compoundCode, t, m, k);
            for (int i = 0; i < o.buildings; i++) {
                int[] v = building(t, m, k, i);
                String buildingName = (i + 1) + "号楼";
                String battrs = "{\"floors\":" + v[0] + ",\"units\":" + v[1] + ",\"households\":" + v[2]
                        + ",\"population\":" + v[3] + "}";
                feature(compoundCode + pad(i + 1, buildingDigits), compoundCode, buildingName, "BUILDING", battrs,
                        compoundNames[k] + buildingName + "党小组", names.person(rng('S', 4, t, m, k, i)),
                        footprints.get(i));
            }
        }
    }

    static String pad(int n, int width) {
        String s = String.valueOf(n);
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }

    private boolean first = true;

    void feature(String code, String parent, String name, String level, String attributes, String party,
            String secretary, P[] ring) throws IOException {
        sb.setLength(0);
        if (!first) sb.append(",\n");
        first = false;
        sb.append("{\"type\":\"Feature\",\"properties\":{\"code\":");
        str(code);
        if (parent != null) { sb.append(",\"parentCode\":"); str(parent); }
        sb.append(",\"name\":");
        str(name);
        sb.append(",\"level\":\"").append(level).append("\",\"attributes\":").append(attributes);
        sb.append(",\"partyOrg\":{\"name\":");
        str(party);
        sb.append(",\"secretary\":");
        str(secretary);
        sb.append("}},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
        for (int i = 0; i <= ring.length; i++) {
            P p = ring[i % ring.length];
            if (i > 0) sb.append(',');
            sb.append('[');
            degrees(o.lng + (p.x() - originX) / metresPerLng);
            sb.append(',');
            degrees(o.lat + (p.y() - originY) / metresPerLat);
            sb.append(']');
        }
        sb.append("]]}}");
        out.append(sb);
    }

    /** Seven decimals (about a centimetre), printed without Locale or floating-point formatting surprises. */
    void degrees(double v) {
        long n = Math.round(v * 1e7);
        if (n < 0) { sb.append('-'); n = -n; }
        String frac = String.valueOf(n % 10_000_000L);
        sb.append(n / 10_000_000L).append('.').append("0000000", frac.length(), 7).append(frac);
    }

    void str(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        sb.append('"');
    }

    /** Fictional but plausible Chinese names; unique among siblings. */
    static final class Names {
        static final String[] REAL_TOWNS = {"青羊镇", "龙溪镇", "石城镇", "苗庄镇", "杏城镇", "西沟乡", "东寺头乡",
                "虹梯关乡", "阳高乡", "北耽车乡", "中五井乡", "北社乡"};
        static final String[] PLACE_A = {"东", "西", "南", "北", "上", "下", "前", "后", "大", "小", "新", "老", "中", "高",
                "石", "杨", "柳", "李", "王", "张", "赵", "马", "龙", "虎", "羊", "井", "河", "寺", "庙", "桃", "杏", "梨",
                "凤", "鹿", "金", "玉", "白", "黄", "青", "双", "三", "五", "槐", "枣"};
        static final String[] PLACE_B = {"庄", "沟", "坪", "峪", "岭", "泉", "湾", "口", "寨", "店", "关", "堡", "头", "窑",
                "坡", "洼", "园", "河", "岩", "川", "城", "峧", "掌", "凹", "垴"};
        static final String[] STREETS = {"城关", "新华", "建设", "解放", "人民", "文化", "朝阳", "胜利", "和平", "东关",
                "西关", "南街", "北街", "府前", "育才", "光明", "振兴", "康宁", "锦华", "太行", "青羊", "滨河", "紫荆", "迎宾"};
        static final String[] ESTATE_A = {"锦绣", "阳光", "幸福", "和谐", "书香", "翠苑", "金域", "康乐", "文华", "春晖",
                "东方", "丽景", "御景", "瑞祥", "富康", "泰和", "福源", "华府", "欣悦", "兴隆", "紫荆", "碧水", "蓝天", "怡和",
                "馨园", "太行", "漳河", "凤凰", "龙湖", "世纪", "明珠", "盛世"};
        static final String[] ESTATE_B = {"花园", "小区", "家园", "苑", "公寓", "新村", "华庭", "雅居", "名邸", "嘉园",
                "新城", "佳苑"};
        static final String[] UNITS = {"供电", "粮食局", "教育局", "医院", "水利局", "交通局", "邮政", "农机站", "林业局",
                "税务局", "电力", "煤矿", "信用社", "人武部"};
        static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡",
                "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "董", "程", "曹", "袁",
                "邓", "许", "傅", "沈", "彭", "吕", "苏", "卢", "蒋", "贾", "丁", "魏", "薛", "申", "牛", "郝", "崔", "秦",
                "常", "桑", "段", "史", "侯", "武", "乔", "贺", "田", "任", "范", "石", "姚", "靳", "原", "路", "岳"};
        static final String[] GIVEN_A = {"建", "志", "国", "海", "明", "文", "晓", "丽", "秀", "玉", "红", "伟", "军",
                "春", "永", "德", "振", "俊", "淑", "桂", "凤", "翠", "金", "宝", "福", "瑞", "新", "立", "卫", "东", "爱",
                "向", "学", "庆", "利", "雪", "慧", "婷", "鹏", "浩"};
        static final String[] GIVEN_B = {"国", "华", "强", "明", "英", "芳", "兰", "平", "军", "峰", "霞", "梅", "杰",
                "涛", "勇", "辉", "娟", "敏", "静", "刚", "林", "生", "成", "山", "民", "波", "红", "琴", "斌", "龙", "宇",
                "洁", "飞", "萍"};
        static final String[] KIND_SUFFIX = {"家庄", "家沟", "家坪", "家洼", "家岭", "家院", "家峧", "家凹"};

        private final Set<String> usedTowns = new HashSet<>();

        boolean townIsTown(int t) {
            return t < REAL_TOWNS.length ? REAL_TOWNS[t].endsWith("镇") : Rng.mix(t * 31L + 7) % 3 != 0;
        }

        String[] towns(int n, Rng r) {
            String[] res = new String[n];
            for (int t = 0; t < n; t++) {
                if (t < REAL_TOWNS.length) res[t] = REAL_TOWNS[t];
                else {
                    String suffix = townIsTown(t) ? "镇" : "乡";
                    res[t] = unique(usedTowns, () -> r.pick(PLACE_A) + r.pick(PLACE_B), suffix);
                }
                usedTowns.add(res[t]);
            }
            return res;
        }

        String[] communities(boolean[] urban, Rng r) {
            Set<String> used = new HashSet<>();
            String[] res = new String[urban.length];
            for (int m = 0; m < urban.length; m++) {
                res[m] = urban[m]
                        ? unique(used, () -> r.pick(STREETS), "社区")
                        : unique(used, () -> r.pick(PLACE_A) + r.pick(PLACE_B), "村");
            }
            return res;
        }

        String[] compounds(int n, boolean urban, Rng r) {
            Set<String> used = new HashSet<>();
            String[] res = new String[n];
            for (int k = 0; k < n; k++) {
                if (urban) {
                    res[k] = r.chance(0.15)
                            ? unique(used, () -> r.pick(UNITS), "家属院")
                            : unique(used, () -> r.pick(ESTATE_A) + r.pick(ESTATE_B), "");
                } else {
                    res[k] = unique(used, () -> r.pick(SURNAMES) + r.pick(KIND_SUFFIX), "");
                }
            }
            return res;
        }

        String person(Rng r) {
            return r.pick(SURNAMES) + r.pick(GIVEN_A) + (r.chance(0.75) ? r.pick(GIVEN_B) : "");
        }

        /** Draws until unused; after many collisions numbers phases (二期, 三期 ...) so any size works. */
        static String unique(Set<String> used, java.util.function.Supplier<String> draw, String suffix) {
            String name = null;
            for (int i = 0; i < 60; i++) {
                name = draw.get() + suffix;
                if (used.add(name)) return name;
            }
            for (int phase = 2; ; phase++) {
                String phased = name + phase + "期";
                if (used.add(phased)) return phased;
            }
        }
    }
}
