using MultiModal.Matching.Media.Imaging;
using MultiModal.Matching.Media.Imaging.Processing;

namespace MultiModal.Matching.Media.Tests.Imaging.Processing;

[TestFixture]
public sealed class ImageTransformsTests
{
    [Test]
    public void Resize_BilinearDoubleWidthWithoutAntialias_InterpolatesAtPixelCentres()
    {
        var image = new RasterImage(2, 1, PixelFormat.Gray8, [0, 100]);

        RasterImage resized = ImageTransforms.Resize(image, 4, 1, ResizeFilter.Bilinear, antialias: false);

        // Output centres 0.25, 0.75, 1.25, 1.75 against source centres 0.5 and 1.5 (OpenCV INTER_LINEAR gives the same).
        Assert.That(resized.Pixels.ToArray(), Is.EqualTo(new byte[] { 0, 25, 75, 100 }));
    }

    [Test]
    public void Resize_BilinearHalfWidthWithAntialias_UsesStretchedTriangle()
    {
        var image = new RasterImage(4, 1, PixelFormat.Gray8, [0, 10, 20, 30]);

        RasterImage resized = ImageTransforms.Resize(image, 2, 1, ResizeFilter.Bilinear);

        // Output 0: centre 1.0, taps at 0.5/1.5/2.5 with triangle(d/2) weights .75/.75/.25 → 12.5/1.75 = 7.14;
        // output 1: taps 1.5/2.5/3.5 weights .25/.75/.75 → 40/1.75 = 22.86 (PIL's BILINEAR gives 7, 23).
        Assert.That(resized.Pixels.ToArray(), Is.EqualTo(new byte[] { 7, 23 }));
    }

    [Test]
    public void Resize_AreaHalving_AveragesTwoByTwoBlocks()
    {
        byte[] pixels =
        [
            0, 10, 100, 200,
            20, 30, 50, 50,
            1, 1, 7, 9,
            3, 3, 11, 13,
        ];
        var image = new RasterImage(4, 4, PixelFormat.Gray8, pixels);

        RasterImage resized = ImageTransforms.Resize(image, 2, 2, ResizeFilter.Area);

        Assert.That(resized.Pixels.ToArray(), Is.EqualTo(new byte[] { 15, 100, 2, 10 }));
    }

    [Test]
    public void Resize_BicubicOnConstantImage_StaysConstant()
    {
        byte[] pixels = new byte[37 * 23 * 3];
        for (int i = 0; i < pixels.Length; i += 3)
        {
            (pixels[i], pixels[i + 1], pixels[i + 2]) = (200, 17, 90);
        }

        RasterImage resized = ImageTransforms.Resize(new RasterImage(37, 23, PixelFormat.Rgb8, pixels), 11, 29, ResizeFilter.Bicubic);

        for (int i = 0; i < resized.Pixels.Length; i += 3)
        {
            Assert.That((resized.Pixels[i], resized.Pixels[i + 1], resized.Pixels[i + 2]), Is.EqualTo(((byte)200, (byte)17, (byte)90)));
        }
    }

    [Test]
    public void Resize_BicubicOvershoot_IsClampedToSampleRange()
    {
        var image = new RasterImage(4, 1, PixelFormat.Gray8, [0, 0, 255, 255]);

        RasterImage resized = ImageTransforms.Resize(image, 16, 1, ResizeFilter.Bicubic);

        // Keys' kernel rings next to the step; the ringing must clamp, not wrap around.
        Assert.That(resized.Pixels[3], Is.EqualTo(0));
        Assert.That(resized.Pixels[12], Is.EqualTo(255));
    }

    [Test]
    public void Resize_SixteenBitRgba_KeepsFormat()
    {
        ushort[] samples = new ushort[2 * 2 * 4];
        Array.Fill(samples, (ushort)40000);
        var image = new RasterImage(2, 2, PixelFormat.Rgba16, samples);

        RasterImage resized = ImageTransforms.Resize(image, 3, 5);

        Assert.That(resized.Format, Is.EqualTo(PixelFormat.Rgba16));
        Assert.That(resized.GetSamples16().ToArray(), Is.All.EqualTo(40000));
    }

    [Test]
    public void Resize_InvalidSize_Throws()
    {
        var image = new RasterImage(2, 1, PixelFormat.Gray8, [0, 100]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageTransforms.Resize(image, 0, 1));
        Assert.Throws<ArgumentNullException>(() => ImageTransforms.Resize(null!, 1, 1));
    }

    [Test]
    public void ResizeShorterSide_LandscapePhoto_FollowsTorchvisionRule()
    {
        var image = new RasterImage(640, 427, PixelFormat.Gray8, new byte[640 * 427]);

        RasterImage resized = ImageTransforms.ResizeShorterSide(image, 224);

        Assert.That((resized.Width, resized.Height), Is.EqualTo((335, 224)));
    }

    [Test]
    public void CenterCrop_OddMargin_RoundsOffsetHalfToEven()
    {
        byte[] pixels = new byte[25];
        for (int i = 0; i < 25; i++)
        {
            pixels[i] = (byte)i;
        }

        RasterImage cropped = ImageTransforms.CenterCrop(new RasterImage(5, 5, PixelFormat.Gray8, pixels), 2, 2);

        // (5 − 2) / 2 = 1.5 rounds to 2 (Python's round), so the crop starts at (2, 2).
        Assert.That(cropped.Pixels.ToArray(), Is.EqualTo(new byte[] { 12, 13, 17, 18 }));
    }

    [Test]
    public void CenterCrop_LargerThanImage_Throws()
    {
        var image = new RasterImage(2, 2, PixelFormat.Gray8, new byte[4]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageTransforms.CenterCrop(image, 3, 2));
    }
}
