using MultiModal.Matching.Encoding;
using MultiModal.Matching.Media.Encoders;
using MultiModal.Matching.Media.Imaging;
using MultiModal.Matching.Media.Imaging.Processing;
using MultiModal.Matching.Media.Tests.Imaging;

namespace MultiModal.Matching.Media.Tests.Encoders;

[TestFixture]
public sealed class ClassicImageEncoderTests
{
    private static RasterImage Solid(byte r, byte g, byte b, int w = 40, int h = 30)
    {
        byte[] pixels = new byte[w * h * 3];
        for (int i = 0; i < pixels.Length; i += 3)
        {
            (pixels[i], pixels[i + 1], pixels[i + 2]) = (r, g, b);
        }

        return new RasterImage(w, h, PixelFormat.Rgb8, pixels);
    }

    private static RasterImage Noise(int seed, int w = 64, int h = 48)
    {
        byte[] pixels = new byte[w * h * 3];
        new Random(seed).NextBytes(pixels);
        return new RasterImage(w, h, PixelFormat.Rgb8, pixels);
    }

    private static float[] Encode(ClassicImageEncoder encoder, RasterImage image)
    {
        float[] v = new float[encoder.Dimension];
        encoder.Encode(image, v);
        return v;
    }

    private static float Dot(float[] a, float[] b)
    {
        float s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }

    [Test]
    public void Dimension_DefaultOptions_Is532()
    {
        using var encoder = new ClassicImageEncoder();
        Assert.That(encoder.Dimension, Is.EqualTo((9 * 36) + (16 * 9) + 64));
        Assert.That(encoder.Modality, Is.EqualTo(Modality.Image));
        Assert.That(encoder.Identity.Name, Is.EqualTo(ClassicImageEncoder.EncoderName));
    }

    [Test]
    public void Encode_SameImageTwice_GivesIdenticalVectors()
    {
        using var encoder = new ClassicImageEncoder();
        RasterImage image = Noise(1);
        float[] first = Encode(encoder, image);
        float[] second = Encode(encoder, image);
        Assert.That(second, Is.EqualTo(first));
        using var other = new ClassicImageEncoder();
        Assert.That(Encode(other, image), Is.EqualTo(Encode(encoder, image)));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    public void Encode_AnyImage_IsUnitLengthAndFinite(int kind)
    {
        using var encoder = new ClassicImageEncoder();
        RasterImage image = kind switch { 0 => Noise(7), 1 => Solid(0, 0, 0), _ => new RasterImage(1, 1, PixelFormat.GrayAlpha16, new ushort[] { 1000, 5 }) };

        float[] v = Encode(encoder, image);

        Assert.That(v.All(float.IsFinite), Is.True);
        Assert.That(Math.Sqrt(Dot(v, v)), Is.EqualTo(1.0).Within(1e-5));
    }

    [Test]
    public void Encode_DifferentColours_ColourBlockSeparatesThem()
    {
        using var encoder = new ClassicImageEncoder(new ClassicImageEncoderOptions { GradientWeight = 0, ThumbnailWeight = 0 });
        float[] red = Encode(encoder, Solid(220, 30, 30));
        float[] darkerRed = Encode(encoder, Solid(200, 40, 35));
        float[] blue = Encode(encoder, Solid(30, 40, 220));

        Assert.That(Dot(red, darkerRed), Is.GreaterThan(0.9f));
        Assert.That(Dot(red, blue), Is.LessThan(0.1f));
    }

    [Test]
    public void Encode_StripesAtRightAngles_GradientBlockSeparatesThem()
    {
        static RasterImage Stripes(bool vertical)
        {
            byte[] p = new byte[64 * 64 * 3];
            for (int y = 0; y < 64; y++)
            {
                for (int x = 0; x < 64; x++)
                {
                    byte v = ((vertical ? x : y) / 4 % 2) == 0 ? (byte)0 : (byte)255;
                    p[((y * 64) + x) * 3] = p[(((y * 64) + x) * 3) + 1] = p[(((y * 64) + x) * 3) + 2] = v;
                }
            }

            return new RasterImage(64, 64, PixelFormat.Rgb8, p);
        }

        using var encoder = new ClassicImageEncoder(new ClassicImageEncoderOptions { ColorWeight = 0, ThumbnailWeight = 0 });
        Assert.That(Dot(Encode(encoder, Stripes(true)), Encode(encoder, Stripes(false))), Is.LessThan(0.2f));
    }

    [Test]
    public void Encode_ResizedPhoto_CloserToItsSourceThanAnotherPhoto()
    {
        RasterImage china = ImageDecoder.Decode(ImageTestData.Read("sklearn_sample_images/china.jpg"));
        RasterImage flower = ImageDecoder.Decode(ImageTestData.Read("sklearn_sample_images/flower.jpg"));
        RasterImage chinaSmall = ImageTransforms.Resize(china, 320, 213, ResizeFilter.Bilinear);
        using var encoder = new ClassicImageEncoder();

        float[] a = Encode(encoder, china), b = Encode(encoder, chinaSmall), c = Encode(encoder, flower);

        TestContext.Out.WriteLine($"china~small {Dot(a, b):F4}, china~flower {Dot(a, c):F4}");
        Assert.That(Dot(a, b), Is.GreaterThan(0.95f));
        Assert.That(Dot(a, b), Is.GreaterThan(Dot(a, c) + 0.1f));
    }

    [Test]
    public void Identity_DependsOnOptions()
    {
        using var a = new ClassicImageEncoder();
        using var b = new ClassicImageEncoder(new ClassicImageEncoderOptions { HueBins = 12 });
        using var c = new ClassicImageEncoder(new ClassicImageEncoderOptions());

        Assert.That(a.Identity, Is.Not.EqualTo(b.Identity));
        Assert.That(a.Identity, Is.EqualTo(c.Identity));
        Assert.That(b.Dimension, Is.EqualTo((9 * 52) + 144 + 64));
    }

    [Test]
    public void Constructor_OutOfRangeOption_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassicImageEncoder(new ClassicImageEncoderOptions { WorkingSize = 8 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassicImageEncoder(new ClassicImageEncoderOptions { ColorWeight = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassicImageEncoder(new ClassicImageEncoderOptions { ColorWeight = 0, GradientWeight = 0, ThumbnailWeight = 0 }));
    }

    [Test]
    public async Task GenerateAsync_Batch_MatchesEncode()
    {
        using var encoder = new ClassicImageEncoder();
        RasterImage[] images = [Noise(1), Solid(10, 200, 10), Noise(2)];

        var embeddings = await encoder.GenerateAsync(images);

        Assert.That(embeddings, Has.Count.EqualTo(3));
        for (int i = 0; i < images.Length; i++)
        {
            Assert.That(embeddings[i].Vector.ToArray(), Is.EqualTo(Encode(encoder, images[i])));
        }
    }
}
