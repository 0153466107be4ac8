using MultiModal.Matching.Media.Imaging;
using MultiModal.Matching.Media.Imaging.Processing;

namespace MultiModal.Matching.Media.Tests.Imaging.Processing;

[TestFixture]
public sealed class ImageTensorTests
{
    private static readonly RasterImage TwoPixels = new(2, 1, PixelFormat.Rgb8, [255, 0, 128, 10, 20, 30]);

    [Test]
    public void Write_ClipNchw_MatchesHandComputedValues()
    {
        float[] tensor = ImageTensor.Create(TwoPixels, ImageNormalization.Clip, TensorLayout.Nchw);

        double[] expected =
        [
            (1.0 - 0.48145466) / 0.26862954, ((10 / 255.0) - 0.48145466) / 0.26862954,
            (0.0 - 0.4578275) / 0.26130258, ((20 / 255.0) - 0.4578275) / 0.26130258,
            ((128 / 255.0) - 0.40821073) / 0.27577711, ((30 / 255.0) - 0.40821073) / 0.27577711,
        ];
        Assert.That(tensor, Is.EqualTo(expected.Select(v => (float)v).ToArray()).Within(1e-5f));
    }

    [Test]
    public void Write_Nhwc_InterleavesChannels()
    {
        float[] tensor = ImageTensor.Create(TwoPixels, ImageNormalization.UnitRange, TensorLayout.Nhwc);

        Assert.That(tensor, Is.EqualTo(new[] { 1f, 0f, 128 / 255f, 10 / 255f, 20 / 255f, 30 / 255f }).Within(1e-6f));
    }

    [Test]
    public void Write_GrayImage_ReplicatesIntoThreeChannels()
    {
        var gray = new RasterImage(1, 1, PixelFormat.Gray8, [51]);

        float[] tensor = ImageTensor.Create(gray, ImageNormalization.UnitRange);

        Assert.That(tensor, Is.EqualTo(new[] { 0.2f, 0.2f, 0.2f }).Within(1e-6f));
    }

    [Test]
    public void Write_WrongDestinationLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => ImageTensor.Write(TwoPixels, ImageNormalization.Clip, TensorLayout.Nchw, new float[5]));
    }

    [Test]
    public void WriteClip_Photo_Gives224SquareNormalisedTensor()
    {
        RasterImage photo = ImageDecoder.Decode(ImageTestData.Read("sklearn_sample_images/china.jpg"));
        float[] tensor = new float[3 * 224 * 224];

        ImageTensor.WriteClip(photo, tensor);

        // Every value is a normalised 8-bit sample: inside [(0 − mean)/std, (1 − mean)/std] of its channel.
        Assert.That(tensor.Min(), Is.GreaterThanOrEqualTo((-0.48145466f / 0.26862954f) - 1e-4f));
        Assert.That(tensor.Max(), Is.LessThanOrEqualTo(((1 - 0.40821073f) / 0.27577711f) + 1e-4f));
        Assert.That(tensor.Distinct().Count(), Is.GreaterThan(200));
    }

    [Test]
    public void ImageNormalization_NonPositiveStd_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ImageNormalization([0f, 0f, 0f], [1f, 0f, 1f]));
        Assert.Throws<ArgumentException>(() => new ImageNormalization([0f, 0f], [1f, 1f]));
    }
}
