// Prints the due list's SQL exactly as the server sends it (cn.gridgov.people.visit.VisitRepository.DUE_PAGE for a
// community or below, DUE_PAGE_WIDE for a town or the county), for pgbench:
// java --class-path backend/target/classes bench/visits/PrintSql.java DUE_PAGE
public class PrintSql {
    public static void main(String[] args) throws Exception {
        System.out.println(Class.forName("cn.gridgov.people.visit.VisitRepository").getField(args.length > 0 ? args[0] : "DUE_PAGE").get(null));
    }
}
