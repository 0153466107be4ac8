using System.Runtime.CompilerServices;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Tests.Numerics;

public sealed class AlignedFloatBufferTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(512 * 100)]
    public unsafe void Origin_IsOnACacheLineBoundary_AfterAllocationAndResize(int length)
    {
        var buffer = new AlignedFloatBuffer(length);
        Assert.That((int)((nuint)Unsafe.AsPointer(ref buffer.Origin) % 64), Is.Zero);
        buffer.Resize((length * 2) + 3);
        Assert.That((int)((nuint)Unsafe.AsPointer(ref buffer.Origin) % 64), Is.Zero);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Assert.That((int)((nuint)Unsafe.AsPointer(ref buffer.Origin) % 64), Is.Zero, "unmanaged: a compacting collection does not move it");
    }

    [Test]
    public void Resize_KeepsTheCommonPrefix_AndSliceIsBoundedByLength()
    {
        var buffer = new AlignedFloatBuffer(10);
        for (int i = 0; i < 10; i++)
        {
            buffer.Slice(i, 1)[0] = i + 0.5f;
        }

        buffer.Resize(1000);
        Assert.That(buffer.Length, Is.EqualTo(1000));
        Assert.That(buffer.Slice(0, 10).ToArray(), Is.EqualTo(Enumerable.Range(0, 10).Select(i => i + 0.5f).ToArray()));
        Assert.That(buffer.Slice(10, 990).ToArray(), Is.All.Zero, "the grown part starts zeroed");
        buffer.Resize(4);
        Assert.That(buffer.Slice(0, 4).ToArray(), Is.EqualTo(new[] { 0.5f, 1.5f, 2.5f, 3.5f }));
        Assert.That(() => buffer.Slice(2, 3), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
