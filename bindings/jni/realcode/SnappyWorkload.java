import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.xerial.snappy.Snappy;

/** snappy-java: byte[], int[] and String round trips through its JNI
 * (GetPrimitiveArrayCritical). Usage: rounds file... */
public class SnappyWorkload {
  public static void main(String[] args) throws Exception {
    List<byte[]> pieces = Corpus.pieces(Corpus.files(args), Integer.parseInt(args[0]));
    long start = System.nanoTime();
    CRC32 digest = new CRC32();
    long mismatches = 0, bytes = 0;
    for (byte[] data : pieces) {
      int len = data.length;
      byte[] comp = Snappy.compress(data);
      if (!Snappy.isValidCompressedBuffer(comp) || Snappy.uncompressedLength(comp) != len) mismatches++;
      if (!Arrays.equals(Snappy.uncompress(comp), data)) mismatches++;
      int[] ints = new int[len / 4 + 1];
      for (int i = 0; i < ints.length; i++) ints[i] = data[(i * 4) % len];
      if (!Arrays.equals(Snappy.uncompressIntArray(Snappy.compress(ints)), ints)) mismatches++;
      String text = new String(data, 0, Math.min(len, 256), "ISO-8859-1");
      if (!Snappy.uncompressString(Snappy.compress(text)).equals(text)) mismatches++;
      digest.update(comp);
      bytes += comp.length;
    }
    System.out.println("result: snappy pieces " + pieces.size() + ", compressed bytes " + bytes
        + ", digest " + Long.toHexString(digest.getValue()) + ", mismatches " + mismatches);
    System.out.println("elapsed_ms: " + (System.nanoTime() - start) / 1000000);
  }
}
