import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.StreamingXXHash32;
import net.jpountz.xxhash.XXHashFactory;

/** lz4-java: its native block compressors and decompressors and XXHash
 * (JNI, byte[] through GetPrimitiveArrayCritical), checked against the
 * library's own pure-Java implementation. Usage: rounds file... */
public class Lz4Workload {
  public static void main(String[] args) throws Exception {
    List<byte[]> pieces = Corpus.pieces(Corpus.files(args), Integer.parseInt(args[0]));
    long start = System.nanoTime();
    LZ4Factory nat = LZ4Factory.nativeInstance(), pure = LZ4Factory.safeInstance();
    XXHashFactory xnat = XXHashFactory.nativeInstance(), xpure = XXHashFactory.safeInstance();
    CRC32 digest = new CRC32();
    long mismatches = 0, bytes = 0;
    for (byte[] data : pieces) {
      int len = data.length;
      for (LZ4Compressor c : new LZ4Compressor[] {nat.fastCompressor(), nat.highCompressor(9)}) {
        byte[] comp = c.compress(data);
        byte[] back = nat.fastDecompressor().decompress(comp, len);
        byte[] back2 = new byte[len];
        int n = nat.safeDecompressor().decompress(comp, 0, comp.length, back2, 0);
        byte[] back3 = pure.safeDecompressor().decompress(comp, len);
        if (!Arrays.equals(data, back) || n != len || !Arrays.equals(data, back2)
            || !Arrays.equals(data, back3)) mismatches++;
        digest.update(comp);
        bytes += comp.length;
      }
      int h1 = xnat.hash32().hash(data, 0, len, 7), h2 = xpure.hash32().hash(data, 0, len, 7);
      long h3 = xnat.hash64().hash(data, 0, len, 7), h4 = xpure.hash64().hash(data, 0, len, 7);
      StreamingXXHash32 s = xnat.newStreamingHash32(7);
      s.update(data, 0, len / 2);
      s.update(data, len / 2, len - len / 2);
      if (h1 != h2 || h3 != h4 || s.getValue() != h1) mismatches++;
      s.close();
      digest.update(h1);
    }
    System.out.println("result: lz4 pieces " + pieces.size() + ", compressed bytes " + bytes
        + ", digest " + Long.toHexString(digest.getValue()) + ", mismatches " + mismatches);
    System.out.println("elapsed_ms: " + (System.nanoTime() - start) / 1000000);
  }
}
