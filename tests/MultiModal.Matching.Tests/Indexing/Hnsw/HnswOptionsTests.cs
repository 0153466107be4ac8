using MultiModal.Matching.Indexing.Hnsw;

namespace MultiModal.Matching.Tests.Indexing.Hnsw;

public sealed class HnswOptionsTests
{
    private static IEnumerable<TestCaseData> BadOptions()
    {
        yield return new TestCaseData(new HnswOptions { Dimension = 0 }).SetName("Validate_DimensionZero_Throws");
        yield return new TestCaseData(new HnswOptions { Dimension = HnswOptions.MaxDimension + 1 }).SetName("Validate_DimensionTooLarge_Throws");
        yield return new TestCaseData(new HnswOptions { Dimension = 4, M = 1 }).SetName("Validate_MBelowTwo_Throws");
        yield return new TestCaseData(new HnswOptions { Dimension = 4, M = HnswOptions.MaxM + 1 }).SetName("Validate_MTooLarge_Throws");
        yield return new TestCaseData(new HnswOptions { Dimension = 4, EfConstruction = 0 }).SetName("Validate_EfConstructionZero_Throws");
        yield return new TestCaseData(new HnswOptions { Dimension = 4, EfSearch = 0 }).SetName("Validate_EfSearchZero_Throws");
        yield return new TestCaseData(new HnswOptions { Dimension = 4, InitialCapacity = 0 }).SetName("Validate_CapacityZero_Throws");
        yield return new TestCaseData(new HnswOptions { Dimension = 4, CompactionThreshold = 0 }).SetName("Validate_ThresholdZero_Throws");
        yield return new TestCaseData(new HnswOptions { Dimension = 4, CompactionThreshold = double.NaN }).SetName("Validate_ThresholdNaN_Throws");
        yield return new TestCaseData(new HnswOptions { Dimension = 4, Metric = (DistanceMetric)9 }).SetName("Validate_UnknownMetric_Throws");
        yield return new TestCaseData(new HnswOptions { Dimension = 4, Quantization = (HnswQuantization)5 }).SetName("Validate_UnknownQuantization_Throws");
        yield return new TestCaseData(new HnswOptions { Dimension = 4, RerankOversampling = 0 }).SetName("Validate_RerankOversamplingZero_Throws");
        yield return new TestCaseData(new HnswOptions { Dimension = 4, QuantizationMin = -1 }).SetName("Validate_QuantizationMinWithoutMax_Throws");
        yield return new TestCaseData(new HnswOptions { Dimension = 4, QuantizationMin = 1, QuantizationMax = 1 }).SetName("Validate_QuantizationEmptyRange_Throws");
    }

    [TestCaseSource(nameof(BadOptions))]
    public void Validate_OutOfRange_ThrowsAndIndexRefuses(HnswOptions options)
    {
        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
        Assert.Throws<ArgumentOutOfRangeException>(() => new HnswIndex(options).Dispose());
    }

    [Test]
    public void Constructor_CopiesOptions_LaterChangesHaveNoEffect()
    {
        var options = new HnswOptions { Dimension = 4, M = 8 };
        using var index = new HnswIndex(options);
        options.M = 32;
        options.Dimension = 9;
        Assert.That(index.Options.M, Is.EqualTo(8));
        Assert.That(index.Dimension, Is.EqualTo(4));
    }

    [Test]
    public void Clone_IsIndependent()
    {
        var options = new HnswOptions { Dimension = 4, Seed = 5 };
        HnswOptions copy = options.Clone();
        copy.Seed = 6;
        Assert.That(options.Seed, Is.EqualTo(5UL));
    }
}
