// Prints the dashboard's SQL exactly as the server sends it (cn.gridgov.stats.StatsSql.OVERVIEW or DAYS), for pgbench:
// java --class-path backend/target/classes bench/stats/PrintSql.java OVERVIEW
public class PrintSql {
    public static void main(String[] args) throws Exception {
        System.out.println(Class.forName("cn.gridgov.stats.StatsSql").getField(args[0]).get(null));
    }
}
