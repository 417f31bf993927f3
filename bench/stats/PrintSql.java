// Prints a statement exactly as the server sends it, from the compiled class, for pgbench:
//   java --class-path backend/target/classes bench/stats/PrintSql.java OVERVIEW                 (a field of StatsSql)
//   java --class-path backend/target/classes bench/stats/PrintSql.java cn.gridgov.region.RegionRepository CHILDREN
// Reads package-private constants too (the class path has no module boundaries).
public class PrintSql {
    public static void main(String[] args) throws Exception {
        String type = args.length > 1 ? args[0] : "cn.gridgov.stats.StatsSql";
        java.lang.reflect.Field field = Class.forName(type).getDeclaredField(args[args.length - 1]);
        field.setAccessible(true);
        System.out.println(field.get(null));
    }
}
