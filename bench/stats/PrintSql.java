// Prints statements exactly as the server sends them, from the compiled classes, for pgbench:
//   java --class-path backend/target/classes bench/stats/PrintSql.java OVERVIEW          (a field of StatsSql)
//   java --class-path ... bench/stats/PrintSql.java cn.gridgov.region.RegionRepository#CHILDREN StatsSql#DAYS ...
// With several arguments each statement is followed by a line "--" (one JVM for them all: it starts slowly).
// Reads package-private constants too (the class path has no module boundaries); a class named without a package
// is one of cn.gridgov.stats.
public class PrintSql {
    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            String type = arg.contains("#") ? arg.substring(0, arg.indexOf('#')) : "StatsSql";
            if (!type.contains(".")) {
                type = "cn.gridgov.stats." + type;
            }
            java.lang.reflect.Field field = Class.forName(type).getDeclaredField(arg.substring(arg.indexOf('#') + 1));
            field.setAccessible(true);
            System.out.println(field.get(null));
            if (args.length > 1) {
                System.out.println("--");
            }
        }
    }
}
