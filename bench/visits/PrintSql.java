// Prints the due list's SQL exactly as the server sends it (cn.gridgov.people.visit.VisitRepository.DUE_PAGE), for
// pgbench: java --class-path backend/target/classes:<deps> bench/visits/PrintSql.java
public class PrintSql {
    public static void main(String[] args) throws Exception {
        System.out.println(Class.forName("cn.gridgov.people.visit.VisitRepository").getField("DUE_PAGE").get(null));
    }
}
