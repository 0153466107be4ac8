using FsCheck;
using FsCheck.Fluent;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Tests.Numerics;

public sealed partial class VectorKernelsTests
{
    private const string Seed = "20261122,7";

    [Property(Arbitrary = new[] { typeof(KernelArbitraries) }, MaxTest = 300, Replay = Seed, QuietOnSuccess = true)]
    public bool Dot_IsSymmetric(VectorPair p) => VectorKernels.Dot(p.A, p.B) == VectorKernels.Dot(p.B, p.A);

    [Property(Arbitrary = new[] { typeof(KernelArbitraries) }, MaxTest = 300, Replay = Seed, QuietOnSuccess = true)]
    public bool L2Squared_IsSymmetricAndNonNegative(VectorPair p)
    {
        float ab = VectorKernels.L2Squared(p.A, p.B);
        return ab >= 0 && ab == VectorKernels.L2Squared(p.B, p.A) && VectorKernels.L2Squared(p.A, p.A) == 0;
    }

    [Property(Arbitrary = new[] { typeof(KernelArbitraries) }, MaxTest = 300, Replay = Seed, QuietOnSuccess = true)]
    public bool Cosine_IsSymmetricAndBounded(VectorPair p)
    {
        float c = VectorKernels.Cosine(p.A, p.B);
        return Math.Abs(c) <= 1 && c == VectorKernels.Cosine(p.B, p.A);
    }

    [Property(Arbitrary = new[] { typeof(KernelArbitraries) }, MaxTest = 300, Replay = Seed, QuietOnSuccess = true)]
    public Property Cosine_WithItself_IsOneForNonZero(VectorPair p) =>
        (VectorKernels.Norm(p.A) > 0).When(Math.Abs(VectorKernels.Cosine(p.A, p.A) - 1) <= 1e-6);

    [Property(Arbitrary = new[] { typeof(KernelArbitraries) }, MaxTest = 300, Replay = Seed, QuietOnSuccess = true)]
    public Property NormalizeInPlace_GivesUnitNorm(VectorPair p)
    {
        float[] v = (float[])p.A.Clone();
        VectorKernels.NormalizeInPlace(v);
        return p.A.Any(x => x != 0).When(Math.Abs(ScalarReference.Norm(v) - 1) <= 1e-5);
    }

    /// <summary>Two vectors of one length (0..300), components spread over six decades of magnitude.</summary>
    public sealed record VectorPair(float[] A, float[] B)
    {
        public override string ToString() => $"[{string.Join(", ", A)}] · [{string.Join(", ", B)}]";
    }

    public static class KernelArbitraries
    {
        public static Arbitrary<VectorPair> Pairs()
        {
            Gen<float> component = Gen.Choose(-1_000_000, 1_000_000)
                .Zip(Gen.Elements(1e-3f, 1f, 1e3f), (x, scale) => x / 1e6f * scale);
            Gen<VectorPair> pairs = Gen.Choose(0, 300).SelectMany(
                length => Gen.ArrayOf(component, length).Two(),
                (_, ab) => new VectorPair(ab.Item1, ab.Item2));
            return Arb.From(pairs);
        }
    }
}
