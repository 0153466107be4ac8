using MultiModal.Matching.Media.Imaging;
using MultiModal.Matching.Media.Imaging.Jpeg;

namespace MultiModal.Matching.Media.Tests.Imaging.Jpeg;

[TestFixture]
public sealed class ExifOrientationTests
{
    // 3 wide, 2 high: row 0 = 1 2 3, row 1 = 4 5 6.
    private static readonly RasterImage Sample = new(3, 2, PixelFormat.Gray8, [1, 2, 3, 4, 5, 6]);

    [TestCase(1, 3, 2, new byte[] { 1, 2, 3, 4, 5, 6 })]
    [TestCase(2, 3, 2, new byte[] { 3, 2, 1, 6, 5, 4 })]
    [TestCase(3, 3, 2, new byte[] { 6, 5, 4, 3, 2, 1 })]
    [TestCase(4, 3, 2, new byte[] { 4, 5, 6, 1, 2, 3 })]
    [TestCase(5, 2, 3, new byte[] { 1, 4, 2, 5, 3, 6 })]
    [TestCase(6, 2, 3, new byte[] { 4, 1, 5, 2, 6, 3 })]
    [TestCase(7, 2, 3, new byte[] { 6, 3, 5, 2, 4, 1 })]
    [TestCase(8, 2, 3, new byte[] { 3, 6, 2, 5, 1, 4 })]
    public void Apply_EachOrientation_TurnsImageUpright(int orientation, int width, int height, byte[] expected)
    {
        RasterImage upright = ExifOrientation.Apply(Sample, orientation);

        Assert.That((upright.Width, upright.Height), Is.EqualTo((width, height)));
        Assert.That(upright.Pixels.ToArray(), Is.EqualTo(expected));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Read_TiffBlockWithOrientationTag_ReturnsValue(bool littleEndian)
    {
        byte[] tiff = littleEndian
            ? [(byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]
            : [(byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0];

        Assert.That(ExifOrientation.Read(tiff), Is.EqualTo(6));
    }

    [Test]
    public void Read_TruncatedOrGarbage_ReturnsOne()
    {
        Assert.That(ExifOrientation.Read([(byte)'I', (byte)'I', 42, 0, 200, 0, 0, 0]), Is.EqualTo(1));
        Assert.That(ExifOrientation.Read([1, 2, 3]), Is.EqualTo(1));
    }
}
