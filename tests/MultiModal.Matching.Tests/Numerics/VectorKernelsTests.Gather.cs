using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Tests.Numerics;

public sealed partial class VectorKernelsTests
{
    [TestCase(1)]
    [TestCase(7)]
    [TestCase(16)]
    [TestCase(100)]
    [TestCase(512)]
    public void DotGather_ScatteredRows_EqualDotOfEachRowBitForBit(int dimension)
    {
        var rng = new Random(dimension);
        const int rows = 40;
        float[] block = ScalarReference.RandomVector(rng, (rows * dimension) + 5);
        float[] query = ScalarReference.RandomVector(rng, dimension);
        for (int count = 0; count <= 13; count++)
        {
            var starts = Enumerable.Range(0, count).Select(_ => rng.Next((rows - 1) * dimension + 6)).ToArray();
            var offsets = starts.Select(s => (nint)(s * sizeof(float))).ToArray();
            var dots = new float[count];
            var l2 = new float[count];
            ref byte origin = ref Unsafe.As<float, byte>(ref MemoryMarshal.GetArrayDataReference(block));
            VectorKernels.DotGather(query, ref origin, offsets, dots);
            VectorKernels.L2SquaredGather(query, ref origin, offsets, l2);
            for (int i = 0; i < count; i++)
            {
                var row = block.AsSpan(starts[i], dimension);
                Assert.That(dots[i], Is.EqualTo(VectorKernels.Dot(query, row)), $"dot, count {count}, row {i}");
                Assert.That(l2[i], Is.EqualTo(VectorKernels.L2Squared(query, row)), $"L2, count {count}, row {i}");
            }
        }
    }
}
