using System.Globalization;
using MultiModal.Matching.Numerics;

namespace MultiModal.Matching.Tests.Numerics;

[NonParallelizable] // Toggles the process-wide huge-page switch.
public sealed unsafe class LargeBufferMemoryTests
{
    private const long Large = 3 * LargeBufferMemory.HugePageThreshold / 2;

    [TestCase(0L)]
    [TestCase(100L)]
    [TestCase(LargeBufferMemory.HugePageThreshold - 1)]
    [TestCase(Large)]
    public void Allocate_IsAlignedAndZeroed(long bytes)
    {
        var block = LargeBufferMemory.Allocate(bytes, 64);
        try
        {
            Assert.That((long)((nuint)block.Pointer % 64), Is.Zero);
            Assert.That(block.Bytes, Is.GreaterThanOrEqualTo(bytes));
            var span = new ReadOnlySpan<byte>(block.Pointer, (int)bytes);
            Assert.That(span.IndexOfAnyExcept((byte)0), Is.EqualTo(-1), "every byte starts zeroed");
        }
        finally
        {
            LargeBufferMemory.Free(block);
        }
    }

    [Test]
    public void LargeBuffer_OnLinux_IsItsOwnHugePageMapping_AndItsMappingIsHugePageEligible()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("Transparent huge pages are a Linux feature.");
        }

        var block = LargeBufferMemory.Allocate(Large, 64);
        try
        {
            Assert.That(block.IsMapped, Is.True);
            Assert.That((long)((nuint)block.Base % (nuint)LargeBufferMemory.HugePageBytes), Is.Zero, "the mapping starts on a huge page");
            Assert.That(block.MappedBytes % LargeBufferMemory.HugePageBytes, Is.Zero, "and spans whole huge pages");
            Assert.That(block.Pointer - block.Base, Is.InRange(0, LargeBufferMemory.CacheSetSpan - 64), "the colour is below the L2 set span");
            Assert.That((long)(block.Pointer - block.Base) + block.Bytes, Is.LessThanOrEqualTo(block.MappedBytes), "the usable bytes lie inside the mapping");
            if (ThpMode() is "never" or null)
            {
                Assert.Ignore("This kernel has transparent huge pages switched off; the advice is then a no-op.");
            }

            Assert.That(SmapsField((nuint)block.Pointer, "THPeligible"), Is.EqualTo(1), "the advice reached the kernel: the mapping may take 2 MiB pages");
        }
        finally
        {
            LargeBufferMemory.Free(block);
        }
    }

    [Test]
    public void SuccessiveLargeBuffers_StartAtDifferentCacheSetOffsets()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("Colours apply to the Linux huge-page mappings.");
        }

        var blocks = Enumerable.Range(0, 3).Select(_ => LargeBufferMemory.Allocate(Large, 64)).ToArray();
        try
        {
            var offsets = blocks.Select(b => (long)((nuint)b.Pointer % LargeBufferMemory.CacheSetSpan)).ToArray();
            Assert.That(offsets, Is.Unique, "row r of three modalities' buffers must not share L2 sets");
            Assert.That(offsets.Select(o => o % 64), Is.All.Zero);
        }
        finally
        {
            foreach (var block in blocks)
            {
                LargeBufferMemory.Free(block);
            }
        }
    }

    [Test]
    public void SwitchedOff_LargeBufferKeepsTheRequestedAlignmentOnly_AndIsNotAdvised()
    {
        if (!OperatingSystem.IsLinux() || ThpMode() != "madvise")
        {
            Assert.Ignore("Only under THP mode 'madvise' does eligibility show whether the advice was given.");
        }

        LargeBufferMemory.AdviseHugePages = false;
        LargeBufferMemory.Block block = default;
        try
        {
            block = LargeBufferMemory.Allocate(Large, 64);
            Assert.That(block.IsMapped, Is.False);
        }
        finally
        {
            LargeBufferMemory.AdviseHugePages = true;
            LargeBufferMemory.Free(block);
        }
    }

    [Test]
    public void TheAppContextSwitch_TurnsTheAdviceOff_AndBackOn()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("Huge-page mappings are a Linux feature.");
        }

        AppContext.SetSwitch(LargeBufferMemory.DisableSwitch, true);
        LargeBufferMemory.Block off = default;
        try
        {
            off = LargeBufferMemory.Allocate(Large, 64);
            Assert.That(off.IsMapped, Is.False, "switched off: an ordinary aligned allocation");
        }
        finally
        {
            AppContext.SetSwitch(LargeBufferMemory.DisableSwitch, false);
            LargeBufferMemory.Free(off);
        }

        var on = LargeBufferMemory.Allocate(Large, 64);
        try
        {
            Assert.That(on.IsMapped, Is.True, "switched back on");
        }
        finally
        {
            LargeBufferMemory.Free(on);
        }
    }

    [Test]
    public void Allocate_RejectsANegativeSize() =>
        Assert.That(() => LargeBufferMemory.Allocate(-1, 64), Throws.TypeOf<ArgumentOutOfRangeException>());

    /// <summary>The bracketed mode in /sys/kernel/mm/transparent_hugepage/enabled (always, madvise or never), or null.</summary>
    private static string? ThpMode()
    {
        const string path = "/sys/kernel/mm/transparent_hugepage/enabled";
        if (!File.Exists(path))
        {
            return null;
        }

        string text = File.ReadAllText(path);
        int open = text.IndexOf('[', StringComparison.Ordinal);
        int close = text.IndexOf(']', StringComparison.Ordinal);
        return open >= 0 && close > open ? text[(open + 1)..close] : null;
    }

    private static bool TryParseRange(string line, out ulong start, out ulong end)
    {
        start = end = 0;
        int dash = line.IndexOf('-', StringComparison.Ordinal);
        int space = line.IndexOf(' ', StringComparison.Ordinal);
        return dash > 0 && space > dash
            && ulong.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out start)
            && ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out end);
    }

    /// <summary>A numeric field of the /proc/self/smaps entry whose range holds <paramref name="address"/>.</summary>
    private static long SmapsField(nuint address, string field)
    {
        bool inside = false;
        foreach (string line in File.ReadLines("/proc/self/smaps"))
        {
            if (TryParseRange(line, out ulong start, out ulong end))
            {
                inside = address >= start && address < end;
                continue;
            }

            if (inside && line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(field.Length + 1).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"No mapping in /proc/self/smaps holds 0x{address:x} with a field '{field}'.");
    }
}
