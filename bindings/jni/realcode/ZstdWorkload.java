import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/** zstd-jni: one-shot, context and streaming compression through its JNI
 * (byte[] through GetPrimitiveArrayCritical and Get/ReleaseByteArrayElements).
 * Usage: rounds file... */
public class ZstdWorkload {
  public static void main(String[] args) throws Exception {
    List<byte[]> pieces = Corpus.pieces(Corpus.files(args), Integer.parseInt(args[0]));
    long start = System.nanoTime();
    CRC32 digest = new CRC32();
    long mismatches = 0, bytes = 0;
    ZstdCompressCtx cctx = new ZstdCompressCtx().setLevel(3).setChecksum(true);
    ZstdDecompressCtx dctx = new ZstdDecompressCtx();
    int r = 0;
    for (byte[] data : pieces) {
      int len = data.length;
      byte[] comp = Zstd.compress(data, 1 + r % 9);
      if (Zstd.decompressedSize(comp) != len || !Arrays.equals(Zstd.decompress(comp, len), data)) mismatches++;
      if (!Arrays.equals(dctx.decompress(cctx.compress(data), len), data)) mismatches++;
      if (r++ % 5 == 0) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZstdOutputStream z = new ZstdOutputStream(out)) {
          z.write(data, 0, len / 2);
          z.write(data, len / 2, len - len / 2);
        }
        byte[] back = new ZstdInputStream(new ByteArrayInputStream(out.toByteArray())).readAllBytes();
        if (!Arrays.equals(back, data)) mismatches++;
      }
      digest.update(comp);
      bytes += comp.length;
    }
    cctx.close();
    dctx.close();
    System.out.println("result: zstd pieces " + pieces.size() + ", compressed bytes " + bytes
        + ", digest " + Long.toHexString(digest.getValue()) + ", mismatches " + mismatches);
    System.out.println("elapsed_ms: " + (System.nanoTime() - start) / 1000000);
  }
}
