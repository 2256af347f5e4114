/* A native method that releases an array and then reads it (the bug
 * Android's CheckJNI forcecopy mode was written for). */
public class UseAfterRelease {
  static native int sumAfterRelease(int[] values);

  public static void main(String[] args) {
    System.loadLibrary("sum");
    int[] values = {1, 2, 3};
    System.out.println("sum " + sumAfterRelease(values));
  }
}
