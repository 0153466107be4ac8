using System.Buffers.Binary;
using MultiModal.Matching.Media.Imaging;

namespace MultiModal.Matching.Media.Tests.Imaging.Bmp;

[TestFixture]
public sealed class BmpDecoderTests
{
    /// <summary>Builds a BITMAPINFOHEADER BMP; rows are given top-down and written in the file's order.</summary>
    internal static byte[] Build(int width, int height, int bpp, byte[][] rowsTopDown, byte[]? palette = null, bool topDown = false)
    {
        int rowBytes = ((width * bpp) + 31) / 32 * 4;
        int paletteBytes = palette?.Length ?? 0;
        int offset = 14 + 40 + paletteBytes;
        byte[] file = new byte[offset + (rowBytes * height)];
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), offset);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), topDown ? -height : height);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(28), (short)bpp);
        palette?.CopyTo(file, 54);
        for (int y = 0; y < height; y++)
        {
            int fileRow = topDown ? y : height - 1 - y;
            rowsTopDown[y].CopyTo(file, offset + (fileRow * rowBytes));
        }

        return file;
    }

    [Test]
    public void Decode_24BitBottomUp_GivesRgbTopDown()
    {
        // BGR triples; width 2 pads each row to 8 bytes.
        byte[] bmp = Build(2, 2, 24, [[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12]]);

        RasterImage image = ImageDecoder.Decode(bmp);

        Assert.That(image.Format, Is.EqualTo(PixelFormat.Rgb8));
        Assert.That(image.Pixels.ToArray(), Is.EqualTo(new byte[] { 3, 2, 1, 6, 5, 4, 9, 8, 7, 12, 11, 10 }));
    }

    [Test]
    public void Decode_32BitTopDown_DropsUndefinedFourthByte()
    {
        byte[] bmp = Build(1, 2, 32, [[10, 20, 30, 99], [40, 50, 60, 99]], topDown: true);

        RasterImage image = ImageDecoder.Decode(bmp);

        Assert.That(image.Pixels.ToArray(), Is.EqualTo(new byte[] { 30, 20, 10, 60, 50, 40 }));
    }

    [Test]
    public void Decode_8BitPalette_LooksUpEntries()
    {
        byte[] palette = [0, 0, 255, 0, 0, 255, 0, 0];
        byte[] bmp = Build(3, 1, 8, [[1, 0, 1]], palette);

        RasterImage image = ImageDecoder.Decode(bmp);

        Assert.That(image.Pixels.ToArray(), Is.EqualTo(new byte[] { 0, 255, 0, 255, 0, 0, 0, 255, 0 }));
    }

    [Test]
    public void Decode_PaletteIndexOutOfRange_ThrowsInvalidImageData()
    {
        byte[] palette = [0, 0, 255, 0, 0, 255, 0, 0];
        byte[] bmp = Build(1, 1, 8, [[7]], palette);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(46), 2);

        Assert.Throws<InvalidImageDataException>(() => ImageDecoder.Decode(bmp));
    }

    [Test]
    public void Decode_TruncatedPixelData_ThrowsInvalidImageData()
    {
        byte[] bmp = Build(4, 4, 24, [new byte[12], new byte[12], new byte[12], new byte[12]]);

        Assert.Throws<InvalidImageDataException>(() => ImageDecoder.Decode(bmp.AsSpan(0, bmp.Length - 5)));
    }

    [Test]
    public void Decode_RleCompression_ThrowsUnsupported()
    {
        byte[] bmp = Build(1, 1, 8, [[0]], new byte[4]);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(30), 1);

        Assert.Throws<UnsupportedImageFormatException>(() => ImageDecoder.Decode(bmp));
    }
}
