using MultiModal.Matching.Encoding;
using MultiModal.Matching.Fusion;

namespace MultiModal.Matching.Tests.Fusion;

public sealed class ScoreCalibrationTests
{
    private static ScoreCalibration Uniform() =>
        ScoreCalibration.FromSamples([KeyValuePair.Create(Modality.Text, Enumerable.Range(0, 101).Select(i => i / 100f).ToArray())], knotCount: 11);

    [TestCase(0f, 0f)]
    [TestCase(0.25f, 0.25f)]
    [TestCase(0.5f, 0.5f)]
    [TestCase(-3f, 0f)]
    [TestCase(7f, 1f)]
    public void Percentile_UniformSamples_IsIdentityOnUnitInterval(float raw, float expected) =>
        Assert.That(Uniform().Percentile(Modality.Text, raw), Is.EqualTo(expected).Within(1e-5));

    [Test]
    public void Percentile_UnknownModality_Throws() =>
        Assert.That(() => Uniform().Percentile(Modality.Audio, 0.1f), Throws.InstanceOf<KeyNotFoundException>());

    [Test]
    public void WriteTo_ReadFrom_RoundTrips()
    {
        var data = FusionTestData.Create(4, 120);
        var calibration = ScoreCalibration.Fit(data.Source, Enumerable.Range(0, data.Count).ToArray(), probes: 40, neighbors: 8, randomPairs: 8);
        var stream = new MemoryStream();
        calibration.WriteTo(stream);
        stream.Position = 0;
        var copy = ScoreCalibration.ReadFrom(stream);
        Assert.That(copy.Modalities, Is.EqualTo(calibration.Modalities));
        foreach (var modality in data.Modalities)
        {
            for (float x = -1; x <= 1; x += 0.05f)
            {
                Assert.That(copy.Percentile(modality, x), Is.EqualTo(calibration.Percentile(modality, x)));
            }
        }
    }

    [Test]
    public void Fit_SameSeed_IsDeterministic_AndMonotone()
    {
        var data = FusionTestData.Create(4, 120);
        var ids = Enumerable.Range(0, data.Count).ToArray();
        var a = ScoreCalibration.Fit(data.Source, ids, probes: 30, seed: 5);
        var b = ScoreCalibration.Fit(data.Source, ids, probes: 30, seed: 5);
        float previous = -1;
        for (float x = -1; x <= 1; x += 0.01f)
        {
            float p = a.Percentile(Modality.Image, x);
            Assert.That(p, Is.EqualTo(b.Percentile(Modality.Image, x)));
            Assert.That(p, Is.GreaterThanOrEqualTo(previous));
            previous = p;
        }
    }

    [Test]
    public void ReadFrom_CorruptOrTruncated_ThrowsInvalidData()
    {
        var stream = new MemoryStream();
        Uniform().WriteTo(stream);
        byte[] bytes = stream.ToArray();
        for (int cut = 0; cut < bytes.Length; cut += 7)
        {
            Assert.That(() => ScoreCalibration.ReadFrom(new MemoryStream(bytes[..cut])), Throws.InstanceOf<InvalidDataException>(), $"cut at {cut}");
        }

        for (int at = 0; at < bytes.Length; at += 5)
        {
            byte[] flipped = (byte[])bytes.Clone();
            flipped[at] ^= 0x5A;
            Assert.That(() => ScoreCalibration.ReadFrom(new MemoryStream(flipped)), Throws.InstanceOf<InvalidDataException>(), $"flip at {at}");
        }
    }

    [Test]
    public void Search_Calibrated_UsesTheSourcesCalibration()
    {
        var data = FusionTestData.Create(6, 150);
        var calibration = ScoreCalibration.Fit(data.Source, Enumerable.Range(0, data.Count).ToArray(), probes: 50);
        var source = data.Source.WithCalibration(calibration);
        var query = data.RandomQuery(new Random(2), 5, [true, true, false]);
        var fusion = Fuse.Late(Combine.WeightedSum(Normalize.Calibrated)).OnMissingInItem(MissingModalityPolicy.Recompute());
        var result = fusion.Search(source, query);
        var text = result[0].Explanation.Span[0];
        Assert.That(text.NormalizedScore, Is.EqualTo(calibration.Percentile(Modality.Text, text.RawScore)).Within(1e-6));
        var small = fusion.WithWindow(5).Search(source, query);
        var full = result.Matches.ToArray().ToDictionary(m => m.Id, m => m.Score);
        int compared = 0;
        foreach (var match in small.Matches)
        {
            if (full.TryGetValue(match.Id, out float score))
            {
                Assert.That(match.Score, Is.EqualTo(score).Within(1e-6), "calibrated scores do not depend on the window");
                compared++;
            }
        }

        Assert.That(compared, Is.GreaterThan(0));
    }

    [Test]
    public void FromSamples_BadInput_Throws()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => ScoreCalibration.FromSamples([]), Throws.ArgumentException);
            Assert.That(() => ScoreCalibration.FromSamples([KeyValuePair.Create(Modality.Text, new[] { 1f })]), Throws.ArgumentException);
            Assert.That(() => ScoreCalibration.FromSamples([KeyValuePair.Create(Modality.Text, new[] { 1f, float.NaN })]), Throws.ArgumentException);
            Assert.That(() => ScoreCalibration.FromSamples([KeyValuePair.Create(Modality.Text, new[] { 1f, 2f })], knotCount: 1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }
}
