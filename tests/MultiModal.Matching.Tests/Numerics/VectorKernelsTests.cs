using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Tests.Numerics;

/// <summary>
/// Every f32 kernel at every length 0..300 and at offsets 0..3 (so that loads are unaligned), against the
/// double-precision <see cref="ScalarReference"/>. Tolerance: a sum Σ tᵢ computed in float may differ from the
/// exact one by at most <see cref="RelativeTolerance"/> · Σ |tᵢ| (about 80 float ulps of the magnitude).
/// CI re-runs this suite with AVX-512, AVX2 and all hardware intrinsics disabled, so every dispatch branch is covered.
/// </summary>
public sealed partial class VectorKernelsTests
{
    private const double RelativeTolerance = 1e-5;
    private const int MaxLength = 300;
    private static readonly int[] Offsets = [0, 1, 2, 3];

    /// <summary>Yields (a, b) slices of length 0..300 at each offset, from arrays with guard values around them.</summary>
    private static IEnumerable<(int Length, int Offset, float[] A, float[] B)> Inputs(int seed)
    {
        var rng = new Random(seed);
        for (int length = 0; length <= MaxLength; length++)
        {
            foreach (int offset in Offsets)
            {
                float[] a = ScalarReference.RandomVector(rng, length + offset + 3);
                float[] b = ScalarReference.RandomVector(rng, length + offset + 3);
                yield return (length, offset, a, b);
            }
        }
    }

    private static void AssertClose(double actual, double expected, double magnitude, int length, int offset) =>
        Assert.That(actual, Is.EqualTo(expected).Within((RelativeTolerance * magnitude) + 1e-30), $"length {length}, offset {offset}");

    /// <summary>Every element of <paramref name="actual"/> within 1e-6 of <paramref name="expected"/>(index); one assertion per call.</summary>
    private static void AssertElementwise(float[] actual, Func<int, double> expected, int length, int offset)
    {
        int worst = -1;
        for (int i = 0; i < actual.Length && worst < 0; i++)
        {
            if (!(Math.Abs(actual[i] - expected(i)) <= 1e-6))
            {
                worst = i;
            }
        }

        Assert.That(worst, Is.EqualTo(-1), () => $"length {length}, offset {offset}: first wrong index {worst}, got {actual[worst]}, expected {expected(worst)}");
    }

    [Test]
    public void Dot_EveryLengthAndOffset_MatchesReference()
    {
        foreach (var (length, offset, a, b) in Inputs(1))
        {
            var (expected, magnitude) = ScalarReference.Dot(a.AsSpan(offset, length), b.AsSpan(offset, length));
            AssertClose(VectorKernels.Dot(a.AsSpan(offset, length), b.AsSpan(offset, length)), expected, magnitude, length, offset);
        }
    }

    [Test]
    public void L2Squared_EveryLengthAndOffset_MatchesReference()
    {
        foreach (var (length, offset, a, b) in Inputs(2))
        {
            double expected = ScalarReference.L2Squared(a.AsSpan(offset, length), b.AsSpan(offset, length));
            AssertClose(VectorKernels.L2Squared(a.AsSpan(offset, length), b.AsSpan(offset, length)), expected, expected, length, offset);
        }
    }

    [Test]
    public void Cosine_EveryLengthAndOffset_MatchesReference()
    {
        foreach (var (length, offset, a, b) in Inputs(3))
        {
            double expected = ScalarReference.Cosine(a.AsSpan(offset, length), b.AsSpan(offset, length));
            AssertClose(VectorKernels.Cosine(a.AsSpan(offset, length), b.AsSpan(offset, length)), expected, 1, length, offset);
        }
    }

    [Test]
    public void Norm_EveryLengthAndOffset_MatchesReference()
    {
        foreach (var (length, offset, a, _) in Inputs(4))
        {
            double expected = ScalarReference.Norm(a.AsSpan(offset, length));
            AssertClose(VectorKernels.Norm(a.AsSpan(offset, length)), expected, expected, length, offset);
        }
    }

    [Test]
    public void NormalizeInPlace_EveryLengthAndOffset_MatchesReferenceAndWritesOnlyTheSlice()
    {
        foreach (var (length, offset, a, _) in Inputs(5))
        {
            float[] original = (float[])a.Clone();
            double norm = ScalarReference.Norm(original.AsSpan(offset, length));

            float returned = VectorKernels.NormalizeInPlace(a.AsSpan(offset, length));

            AssertClose(returned, norm, norm, length, offset);
            AssertElementwise(a, i => i >= offset && i < offset + length && norm > 0 ? original[i] / norm : original[i], length, offset);
        }
    }

    [Test]
    public void AffineInPlace_EveryLengthAndOffset_TransformsOnlyTheSlice()
    {
        foreach (var (length, offset, a, _) in Inputs(6))
        {
            float[] original = (float[])a.Clone();
            VectorKernels.AffineInPlace(a.AsSpan(offset, length), -2f, 0.5f);
            AssertElementwise(a, i => i >= offset && i < offset + length ? (original[i] * -2.0) + 0.5 : original[i], length, offset);
        }
    }

    [Test]
    public void AllFinite_BadComponentAtEveryPosition_IsDetected()
    {
        float[] bad = [float.NaN, float.PositiveInfinity, float.NegativeInfinity];
        foreach (var (length, offset, a, _) in Inputs(7))
        {
            Assert.That(VectorKernels.AllFinite(a.AsSpan(offset, length)), Is.True, $"length {length}");
            a[offset + length] = float.NaN; // just past the slice: must not be seen
            Assert.That(VectorKernels.AllFinite(a.AsSpan(offset, length)), Is.True, $"length {length}, guard");
            for (int i = 0; i < length; i++)
            {
                float saved = a[offset + i];
                a[offset + i] = bad[i % bad.Length];
                if (VectorKernels.AllFinite(a.AsSpan(offset, length)))
                {
                    Assert.Fail($"length {length}, offset {offset}: {a[offset + i]} at position {i} not detected");
                }

                a[offset + i] = saved;
            }
        }
    }

    [Test]
    public void DotBatch_EveryDimensionAndOffset_MatchesRowByRowReference()
    {
        var rng = new Random(8);
        for (int d = 0; d <= MaxLength; d++)
        {
            foreach (int offset in Offsets)
            {
                const int Rows = 3;
                float[] query = ScalarReference.RandomVector(rng, d + offset);
                float[] rows = ScalarReference.RandomVector(rng, (Rows * d) + offset);
                var scores = new float[Rows + 1];
                scores[Rows] = 42f;
                VectorKernels.DotBatch(query.AsSpan(offset, d), rows.AsSpan(offset, Rows * d), scores.AsSpan(0, Rows));
                for (int r = 0; r < Rows; r++)
                {
                    var (expected, magnitude) = ScalarReference.Dot(query.AsSpan(offset, d), rows.AsSpan(offset + (r * d), d));
                    AssertClose(scores[r], expected, magnitude, d, offset);
                }

                Assert.That(scores[Rows], Is.EqualTo(42f), "no write past the scores");
            }
        }
    }

    [Test]
    public void L2SquaredBatch_EveryDimensionAndOffset_MatchesRowByRowReference()
    {
        var rng = new Random(9);
        for (int d = 0; d <= MaxLength; d++)
        {
            foreach (int offset in Offsets)
            {
                const int Rows = 3;
                float[] query = ScalarReference.RandomVector(rng, d + offset);
                float[] rows = ScalarReference.RandomVector(rng, (Rows * d) + offset);
                var scores = new float[Rows];
                VectorKernels.L2SquaredBatch(query.AsSpan(offset, d), rows.AsSpan(offset, Rows * d), scores);
                for (int r = 0; r < Rows; r++)
                {
                    double expected = ScalarReference.L2Squared(query.AsSpan(offset, d), rows.AsSpan(offset + (r * d), d));
                    AssertClose(scores[r], expected, expected, d, offset);
                }
            }
        }
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(16)]
    [TestCase(33)]
    [TestCase(128)]
    public void Batch_MultiStreamSplit_EveryRowScoredOnceInItsOwnSlot(int d)
    {
        // Counts around the split threshold and every remainder (count % 8 = 0..7) exercise the eight slice
        // boundaries and the tail loop; every score must equal the single-row kernel's, bit for bit.
        var rng = new Random(10 + d);
        int min = VectorKernels.InterleaveMinRows;
        foreach (int count in new[] { min - 1, min, min + 1, min + 2, min + 3, min + 4, min + 5, min + 6, min + 7, (4 * min) + 5 })
        {
            float[] query = ScalarReference.RandomVector(rng, d);
            float[] rows = ScalarReference.RandomVector(rng, count * d);
            var dots = new float[count + 1];
            var l2 = new float[count + 1];
            dots[count] = 42f;
            l2[count] = 42f;
            VectorKernels.DotBatch(query, rows, dots.AsSpan(0, count));
            VectorKernels.L2SquaredBatch(query, rows, l2.AsSpan(0, count));
            for (int r = 0; r < count; r++)
            {
                ReadOnlySpan<float> row = rows.AsSpan(r * d, d);
                Assert.That(dots[r], Is.EqualTo(VectorKernels.Dot(query, row)), $"dot, count {count}, row {r}");
                Assert.That(l2[r], Is.EqualTo(VectorKernels.L2Squared(query, row)), $"L2, count {count}, row {r}");
            }

            Assert.That(dots[count], Is.EqualTo(42f), "no write past the dot scores");
            Assert.That(l2[count], Is.EqualTo(42f), "no write past the L2 scores");
        }
    }

    [Test]
    public void Batch_NoRows_WritesNothing()
    {
        VectorKernels.DotBatch(new float[8], [], []);
        VectorKernels.L2SquaredBatch(new float[8], [], []);
        Assert.That(VectorKernels.Dot([], []), Is.Zero);
    }

    [TestCase(1e30f)]
    [TestCase(1e-30f)]
    public void NormalizeInPlace_ExtremeMagnitudes_StillGivesUnitVector(float scale)
    {
        float[] v = [3 * scale, 0, 4 * scale, 0, 0, 0, 0, 0, 0];
        float norm = VectorKernels.NormalizeInPlace(v);
        Assert.That(norm, Is.EqualTo(5 * scale).Within(1e-5).Percent);
        Assert.That(v[..3], Is.EqualTo(new[] { 0.6f, 0f, 0.8f }).Within(1e-6f));
    }

    [Test]
    public void NormalizeInPlace_ZeroVector_StaysZero()
    {
        var v = new float[37];
        Assert.That(VectorKernels.NormalizeInPlace(v), Is.Zero);
        Assert.That(v, Is.All.Zero);
    }

    [Test]
    public void Cosine_ZeroVector_IsZero() =>
        Assert.That(VectorKernels.Cosine(new float[20], ScalarReference.RandomVector(new Random(10), 20)), Is.Zero);
}
