import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The inputs every workload compresses or stores: pieces of real files
 * (text and machine code) of varied sizes, cut deterministically. */
final class Corpus {
  static List<byte[]> pieces(String[] files, int count) throws Exception {
    List<byte[]> all = new ArrayList<>();
    for (String f : files) all.add(Files.readAllBytes(Path.of(f)));
    Random rnd = new Random(42);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] src = all.get(i % all.size());
      int len = 1 + rnd.nextInt(Math.min(src.length, i % 10 == 0 ? 1 << 18 : 8192));
      int at = rnd.nextInt(src.length - len + 1);
      byte[] piece = new byte[len];
      System.arraycopy(src, at, piece, 0, len);
      out.add(piece);
    }
    return out;
  }

  static String[] files(String[] args) {
    String[] f = new String[args.length - 1];
    System.arraycopy(args, 1, f, 0, f.length);
    return f;
  }
}
