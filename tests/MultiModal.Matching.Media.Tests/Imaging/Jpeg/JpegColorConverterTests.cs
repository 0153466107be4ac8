using MultiModal.Matching.Media.Imaging.Jpeg;

namespace MultiModal.Matching.Media.Tests.Imaging.Jpeg;

[TestFixture]
public sealed class JpegColorConverterTests
{
    [TestCase(0)]
    [TestCase(255)]
    [TestCase(-1)]
    public void YCbCrToRgb_EveryCbCrPair_SimdEqualsTables(int luma)
    {
        // 263 pixels: whole groups of 32 (AVX2) and an overlapping last group; every Cr value per row, every Cb over the rows.
        const int Width = 263;
        byte[] y = new byte[Width], cb = new byte[Width], cr = new byte[Width];
        byte[] simd = new byte[Width * 3], tables = new byte[Width * 3];
        for (int row = 0; row < 256; row++)
        {
            for (int x = 0; x < Width; x++)
            {
                y[x] = (byte)(luma >= 0 ? luma : ((x * 7) + (row * 13)) & 255);
                cb[x] = (byte)row;
                cr[x] = (byte)x;
            }

            JpegColorConverter.YCbCrToRgb(y, cb, cr, simd);
            JpegColorConverter.YCbCrToRgb(y, cb, cr, tables, scalarOnly: true);
            Assert.That(simd, Is.EqualTo(tables), $"Cb = {row}");
        }
    }

    [TestCase(1)]
    [TestCase(15)]
    [TestCase(16)]
    [TestCase(17)]
    [TestCase(31)]
    [TestCase(32)]
    [TestCase(33)]
    [TestCase(47)]
    public void YCbCrToRgb_ShortRows_SimdEqualsTables(int width)
    {
        var random = new Random(width);
        byte[] y = new byte[width], cb = new byte[width], cr = new byte[width];
        random.NextBytes(y);
        random.NextBytes(cb);
        random.NextBytes(cr);
        byte[] simd = new byte[width * 3], tables = new byte[width * 3];

        JpegColorConverter.YCbCrToRgb(y, cb, cr, simd);
        JpegColorConverter.YCbCrToRgb(y, cb, cr, tables, scalarOnly: true);

        Assert.That(simd, Is.EqualTo(tables));
    }

    [Test]
    public void YCbCrToRgb_KnownColours_MatchJfifFormula()
    {
        // Pure red in JFIF YCbCr is about (76, 85, 255); grey stays grey.
        byte[] y = [76, 128], cb = [85, 128], cr = [255, 128];
        byte[] rgb = new byte[6];

        JpegColorConverter.YCbCrToRgb(y, cb, cr, rgb);

        Assert.That(rgb[0], Is.EqualTo(254).Within(1));
        Assert.That(rgb[1], Is.EqualTo(0).Within(1));
        Assert.That(rgb[2], Is.EqualTo(0).Within(1));
        Assert.That(rgb[3..], Is.EqualTo(new byte[] { 128, 128, 128 }));
    }
}
