import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.zip.CRC32;

/** xerial sqlite-jdbc: inserts, a LIKE query and aggregates on an
 * in-memory database through its JNI (strings as UTF-8 byte[], blobs).
 * Usage: rounds file... */
public class SqliteWorkload {
  public static void main(String[] args) throws Exception {
    List<byte[]> pieces = Corpus.pieces(Corpus.files(args), Integer.parseInt(args[0]));
    long start = System.nanoTime();
    CRC32 digest = new CRC32();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      try (Statement s = c.createStatement()) {
        s.execute("create table t(id integer primary key, name text, data blob, x real)");
      }
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement("insert into t(name, data, x) values (?, ?, ?)")) {
        int r = 0;
        for (byte[] data : pieces) {
          p.setString(1, "n\u00e4me-" + r + "-\u20ac " + new String(data, 0, Math.min(16, data.length), "ISO-8859-1"));
          p.setBytes(2, data);
          p.setDouble(3, r++ / 7.0);
          p.executeUpdate();
        }
      }
      c.commit();
      long rows = 0;
      try (PreparedStatement q = c.prepareStatement("select id, name, data, x from t where name like ? order by id")) {
        q.setString(1, "n\u00e4me-%");
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            rows++;
            digest.update(rs.getString(2).getBytes("UTF-8"));
            digest.update(rs.getBytes(3));
            digest.update((int) (rs.getDouble(4) * 1e6));
          }
        }
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*), sum(length(data)) from t")) {
        rs.next();
        System.out.println("result: sqlite rows " + rows + "/" + rs.getLong(1) + ", blob bytes " + rs.getLong(2)
            + ", digest " + Long.toHexString(digest.getValue()));
      }
    }
    System.out.println("elapsed_ms: " + (System.nanoTime() - start) / 1000000);
  }
}
