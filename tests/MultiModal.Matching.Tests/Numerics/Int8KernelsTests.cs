using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Tests.Numerics;

/// <summary>
/// The int8 kernels are exact integer arithmetic, so every path must equal the scalar reference exactly,
/// at every length 0..300 and offsets 0..3. The dispatching entry points run on whatever ISA the process
/// allows (CI re-runs them with AVX-512, AVX2 and all intrinsics off); each ISA-specific path is also
/// called directly when the CPU has it.
/// </summary>
public sealed class Int8KernelsTests
{
    public delegate int Kernel(ref sbyte a, ref sbyte b, int n);

    private static IEnumerable<(int Length, int Offset, sbyte[] A, sbyte[] B)> Inputs(int seed)
    {
        var rng = new Random(seed);
        for (int length = 0; length <= 300; length++)
        {
            for (int offset = 0; offset <= 3; offset++)
            {
                yield return (length, offset, Codes(rng, length + offset + 2), Codes(rng, length + offset + 2));
            }
        }
    }

    private static sbyte[] Codes(Random rng, int length)
    {
        var codes = new sbyte[length];
        for (int i = 0; i < length; i++)
        {
            codes[i] = (sbyte)rng.Next(-127, 128);
        }

        return codes;
    }

    private static long ReferenceDot(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        long sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static long ReferenceL2(ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        long sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }

        return sum;
    }

    [Test]
    public void Dot_EveryLengthAndOffset_EqualsReference()
    {
        foreach (var (length, offset, a, b) in Inputs(1))
        {
            ReadOnlySpan<sbyte> x = a.AsSpan(offset, length), y = b.AsSpan(offset, length);
            Assert.That(Int8Kernels.Dot(x, y), Is.EqualTo(ReferenceDot(x, y)), $"length {length}, offset {offset}");
        }
    }

    [Test]
    public void L2Squared_EveryLengthAndOffset_EqualsReference()
    {
        foreach (var (length, offset, a, b) in Inputs(2))
        {
            ReadOnlySpan<sbyte> x = a.AsSpan(offset, length), y = b.AsSpan(offset, length);
            Assert.That(Int8Kernels.L2Squared(x, y), Is.EqualTo(ReferenceL2(x, y)), $"length {length}, offset {offset}");
        }
    }

    [Test]
    public void Kernels_ExtremeCodes_DoNotOverflow()
    {
        sbyte[] plus = Enumerable.Repeat((sbyte)127, 4099).ToArray();
        sbyte[] minus = Enumerable.Repeat((sbyte)-127, 4099).ToArray();
        Assert.That(Int8Kernels.Dot(plus, minus), Is.EqualTo(-127 * 127 * 4099));
        Assert.That(Int8Kernels.Dot(minus, minus), Is.EqualTo(127 * 127 * 4099));
        Assert.That(Int8Kernels.L2Squared(plus, minus), Is.EqualTo(254 * 254 * 4099));
    }

    [Test]
    public void Sum_AddsCodes() => Assert.That(Int8Kernels.Sum([1, -5, 127, -127, 3]), Is.EqualTo(-1));

    private static IEnumerable<TestCaseData> IsaPaths()
    {
        yield return new TestCaseData(Avx512BW.IsSupported, 32, (Kernel)Int8Kernels.DotAvx512BW, (Kernel)Int8Kernels.L2SquaredAvx512BW).SetArgDisplayNames("Avx512BW");
        yield return new TestCaseData(AvxVnni.IsSupported, 32, (Kernel)Int8Kernels.DotAvxVnni, (Kernel)Int8Kernels.L2SquaredAvxVnni).SetArgDisplayNames("AvxVnni");
        yield return new TestCaseData(Avx2.IsSupported, 16, (Kernel)Int8Kernels.DotAvx2, (Kernel)Int8Kernels.L2SquaredAvx2).SetArgDisplayNames("Avx2");
        yield return new TestCaseData(Vector128.IsHardwareAccelerated, 16, (Kernel)Int8Kernels.Dot128, (Kernel)Int8Kernels.L2Squared128).SetArgDisplayNames("Vector128");
        yield return new TestCaseData(true, 0, (Kernel)Int8Kernels.DotScalar, (Kernel)Int8Kernels.L2SquaredScalar).SetArgDisplayNames("Scalar");
    }

    [TestCaseSource(nameof(IsaPaths))]
    public void IsaPath_EveryLengthFromItsMinimum_EqualsReference(bool supported, int minLength, Kernel dot, Kernel l2)
    {
        if (!supported)
        {
            Assert.Ignore("This CPU or runtime setting lacks the instruction set.");
        }

        foreach (var (length, offset, a, b) in Inputs(3).Where(t => t.Length >= Math.Max(minLength, 0)))
        {
            Span<sbyte> x = a.AsSpan(offset, length), y = b.AsSpan(offset, length);
            Assert.That(dot(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y), length), Is.EqualTo(ReferenceDot(x, y)), $"dot, length {length}, offset {offset}");
            Assert.That(l2(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y), length), Is.EqualTo(ReferenceL2(x, y)), $"L2, length {length}, offset {offset}");
        }
    }
}
