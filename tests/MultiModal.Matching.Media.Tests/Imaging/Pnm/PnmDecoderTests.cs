using MultiModal.Matching.Media.Imaging;

namespace MultiModal.Matching.Media.Tests.Imaging.Pnm;

[TestFixture]
public sealed class PnmDecoderTests
{
    private static byte[] Binary(string header, params byte[] raster) => [.. System.Text.Encoding.ASCII.GetBytes(header), .. raster];

    [Test]
    public void Decode_P6WithComment_GivesRgb8()
    {
        byte[] data = Binary("P6\n# a comment\n2 1\n255\n", 1, 2, 3, 4, 5, 6);

        RasterImage image = ImageDecoder.Decode(data);

        Assert.That((image.Width, image.Height, image.Format), Is.EqualTo((2, 1, PixelFormat.Rgb8)));
        Assert.That(image.Pixels.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3, 4, 5, 6 }));
    }

    [Test]
    public void Decode_P5SixteenBit_ReadsBigEndianSamples()
    {
        byte[] data = Binary("P5 2 1 65535\n", 0x12, 0x34, 0xFF, 0xFF);

        RasterImage image = ImageDecoder.Decode(data);

        Assert.That(image.Format, Is.EqualTo(PixelFormat.Gray16));
        Assert.That(image.GetSamples16().ToArray(), Is.EqualTo(new ushort[] { 0x1234, 0xFFFF }));
    }

    [Test]
    public void Decode_P5MaxvalFifteen_ScalesToFullRange()
    {
        byte[] data = Binary("P5 3 1 15\n", 0, 7, 15);

        RasterImage image = ImageDecoder.Decode(data);

        Assert.That(image.Pixels.ToArray(), Is.EqualTo(new byte[] { 0, 119, 255 }));
    }

    [Test]
    public void Decode_P5Maxval1000_ScalesTo16Bit()
    {
        byte[] data = Binary("P5 1 1 1000\n", 0x01, 0xF4);

        RasterImage image = ImageDecoder.Decode(data);

        Assert.That(image.GetSamples16()[0], Is.EqualTo((ushort)32768));
    }

    [Test]
    public void Decode_P3Ascii_ParsesNumbers()
    {
        byte[] data = System.Text.Encoding.ASCII.GetBytes("P3\n1 2\n255\n10 20 30\n40 50 60\n");

        RasterImage image = ImageDecoder.Decode(data);

        Assert.That(image.Pixels.ToArray(), Is.EqualTo(new byte[] { 10, 20, 30, 40, 50, 60 }));
    }

    [Test]
    public void Decode_SampleAboveMaxval_ThrowsInvalidImageData()
    {
        Assert.Throws<InvalidImageDataException>(() => ImageDecoder.Decode(System.Text.Encoding.ASCII.GetBytes("P2 1 1 10 11")));
    }

    [Test]
    public void Decode_TruncatedRaster_ThrowsInvalidImageData()
    {
        Assert.Throws<InvalidImageDataException>(() => ImageDecoder.Decode(Binary("P6 2 2 255\n", 1, 2, 3)));
    }

    [Test]
    public void Decode_HugeHeaderSize_ThrowsBeforeAllocating()
    {
        Assert.Throws<InvalidImageDataException>(() => ImageDecoder.Decode(System.Text.Encoding.ASCII.GetBytes("P5 60000 60000 255\n")));
    }
}
