using FsCheck;
using FsCheck.Fluent;
using MultiModal.Matching.Numerics;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace MultiModal.Matching.Tests.Numerics;

public sealed class ScalarQuantizerTests
{
    private const string Seed = "20261122,11";

    [Property(Arbitrary = new[] { typeof(Samples) }, MaxTest = 300, Replay = Seed, QuietOnSuccess = true)]
    public bool RoundTrip_InsideFittedRange_ErrorAtMostHalfAScale(float[] sample)
    {
        ScalarQuantizer q = ScalarQuantizer.Fit(sample);
        var codes = new sbyte[sample.Length];
        var back = new float[sample.Length];
        q.Quantize(sample, codes);
        q.Dequantize(codes, back);
        float magnitude = sample.Length == 0 ? 0 : sample.Max(Math.Abs);
        // Half a step, plus the float rounding of offset + scale·code (a few ulps of the largest value).
        double bound = (q.Scale / 2.0 * (1 + 1e-5)) + (4e-7 * magnitude);
        return sample.Zip(back).All(p => Math.Abs(p.First - p.Second) <= bound) && codes.All(c => c >= -127);
    }

    [Property(Arbitrary = new[] { typeof(Samples) }, MaxTest = 200, Replay = Seed, QuietOnSuccess = true)]
    public bool Quantize_ReturnsTheCodeSum(float[] sample)
    {
        ScalarQuantizer q = ScalarQuantizer.Fit(sample);
        var codes = new sbyte[sample.Length];
        return q.Quantize(sample, codes) == codes.Sum(c => c);
    }

    [Test]
    public void Distances_FromCodes_EqualDistancesOfDequantisedVectors()
    {
        var rng = new Random(5);
        float[] data = ScalarReference.RandomVector(rng, 20 * 96).Select(x => (x * 3) + 0.5f).ToArray();
        ScalarQuantizer q = ScalarQuantizer.Fit(data);
        for (int r = 0; r + 1 < 20; r++)
        {
            ReadOnlySpan<float> a = data.AsSpan(r * 96, 96), b = data.AsSpan((r + 1) * 96, 96);
            sbyte[] ca = new sbyte[96], cb = new sbyte[96];
            int sa = q.Quantize(a, ca), sb = q.Quantize(b, cb);
            float[] da = new float[96], db = new float[96];
            q.Dequantize(ca, da);
            q.Dequantize(cb, db);

            Assert.That(q.L2Squared(ca, cb), Is.EqualTo(ScalarReference.L2Squared(da, db)).Within(1e-4).Percent);
            Assert.That(q.Dot(ca, sa, cb, sb), Is.EqualTo(ScalarReference.Dot(da, db).Value).Within(1e-3));
            // And close to the exact f32 distance: each component is off by at most scale/2.
            Assert.That(q.L2Squared(ca, cb), Is.EqualTo(ScalarReference.L2Squared(a, b)).Within(5).Percent);
        }
    }

    [Test]
    public void Fit_ConstantOrEmptySample_RoundTripsExactly()
    {
        ScalarQuantizer q = ScalarQuantizer.Fit([2.5f, 2.5f, 2.5f]);
        var codes = new sbyte[3];
        var back = new float[3];
        q.Quantize([2.5f, 2.5f, 2.5f], codes);
        q.Dequantize(codes, back);
        Assert.That(back, Is.All.EqualTo(2.5f));
        Assert.That(ScalarQuantizer.Fit([]).Scale, Is.GreaterThan(0));
    }

    [Test]
    public void Quantize_OutsideFittedRange_ClampsToEndCodes()
    {
        ScalarQuantizer q = ScalarQuantizer.Fit([-1f, 1f]);
        var codes = new sbyte[2];
        q.Quantize([-50f, 50f], codes);
        Assert.That(codes, Is.EqualTo(new sbyte[] { -127, 127 }));
    }

    public static class Samples
    {
        public static Arbitrary<float[]> Vectors()
        {
            Gen<float> component = Gen.Choose(-1_000_000, 1_000_000)
                .Zip(Gen.Elements(1e-3f, 1f, 1e4f), (x, scale) => x / 1e6f * scale);
            return Arb.From(Gen.Choose(0, 300).SelectMany(length => Gen.ArrayOf(component, length)));
        }
    }
}
