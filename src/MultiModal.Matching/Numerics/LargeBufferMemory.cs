using System.Numerics;
using System.Runtime.InteropServices;

namespace MultiModal.Matching.Numerics;

/// <summary>
/// Zeroed unmanaged blocks for an index's large arrays (vectors and graph records). On Linux, a block of at least
/// <see cref="HugePageThreshold"/> bytes is mapped on its own, on 2 MiB boundaries, and advised as transparent-huge-page
/// memory (<c>madvise(MADV_HUGEPAGE)</c>) before it is first touched, so the kernel can back it with 2 MiB pages.
/// Graph search and re-ranking read rows scattered over hundreds of megabytes; on 4 KiB pages nearly every such row costs a TLB
/// miss and a page walk, while 2 MiB pages let the TLB cover gigabytes (docs/benchmarks.md, "Session 5").
/// </summary>
/// <remarks>
/// <para>
/// Each mapped block starts at its own offset ("colour") below <see cref="CacheSetSpan"/> from its 2 MiB boundary. On
/// 4 KiB pages the physical frames scatter rows over the L2 cache's sets at random; within a huge page the set follows
/// from the virtual offset, so without colours row r of every modality's index would land in the same sets, and a
/// re-rank that reads row r of each modality would evict its own rows (measured: 1.07× slower than coloured blocks in
/// GatherLayoutBenchmarks, and a hot re-rank over uncoloured blocks 1.16× slower than over 4 KiB pages).
/// </para>
/// <para>
/// The advice is only advice: with transparent huge pages set to <c>never</c>, or without free 2 MiB frames, the kernel
/// keeps 4 KiB pages and nothing else changes. A mapped block is zero-filled by the kernel and takes memory as its pages
/// are first written. Smaller blocks, and every block elsewhere than Linux, are ordinary zeroed aligned allocations.
/// Thread-safe (the colour counter is atomic).
/// </para>
/// </remarks>
internal static unsafe partial class LargeBufferMemory
{
    /// <summary>The size of a transparent huge page on x86-64 (and on arm64 kernels with 4 KiB base pages).</summary>
    public const long HugePageBytes = 2L * 1024 * 1024;

    /// <summary>
    /// Blocks below this size are not mapped on their own: rounding them up to whole huge pages would waste up to a
    /// quarter of their size.
    /// </summary>
    public const long HugePageThreshold = 4 * HugePageBytes;

    /// <summary>
    /// The bytes over which consecutive cache lines map to distinct L2 sets (2 MiB, 16-way: 2,048 sets × 64 B). Colours
    /// are taken below it, in whole cache lines.
    /// </summary>
    public const int CacheSetSpan = 128 * 1024;

    private const int ProtReadWrite = 0x1 | 0x2;
    private const int MapPrivateAnonymous = 0x02 | 0x20;
    private const int MadviseHugePage = 14;

    /// <summary>
    /// The <see cref="AppContext"/> switch that turns the huge-page advice off for the whole process
    /// (<c>AppContext.SetSwitch(DisableSwitch, true)</c>, or <c>&lt;RuntimeHostConfigurationOption&gt;</c> in the project
    /// file): for hosts where transparent-huge-page compaction stalls or memory rounding matter more than the speed-up.
    /// </summary>
    public const string DisableSwitch = "MultiModal.Matching.DisableTransparentHugePages";

    /// <summary>
    /// Whether large blocks are mapped and advised as huge pages (benchmarks turn it off to measure the difference side
    /// by side; nothing else should touch it). Read, with <see cref="DisableSwitch"/>, when a block is allocated.
    /// </summary>
    internal static bool AdviseHugePages = true;

    private static int _colours;

    /// <summary>Allocates <paramref name="bytes"/> zeroed bytes aligned to at least <paramref name="alignment"/> (a power of two).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytes"/> is negative.</exception>
    /// <exception cref="OutOfMemoryException">The memory could not be allocated.</exception>
    public static Block Allocate(long bytes, int alignment)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (bytes >= HugePageThreshold && AdviseHugePages && OperatingSystem.IsLinux() && !IsSwitchedOff())
        {
            return MapHuge(bytes);
        }

        nuint size = (nuint)Math.Max(bytes, alignment);
        byte* p = (byte*)NativeMemory.AlignedAlloc(size, (nuint)alignment);
        NativeMemory.Clear(p, size);
        return new Block(p, (long)size, p, 0);
    }

    private static bool IsSwitchedOff() => AppContext.TryGetSwitch(DisableSwitch, out bool disabled) && disabled;

    /// <summary>Frees a block from <see cref="Allocate"/>; a default block is ignored.</summary>
    public static void Free(Block block)
    {
        if (block.Pointer == null)
        {
            return;
        }

        if (block.IsMapped)
        {
            _ = Munmap(block.Base, (nuint)block.MappedBytes);
        }
        else
        {
            NativeMemory.AlignedFree(block.Base);
        }
    }

    /// <summary>
    /// Maps whole huge pages for <paramref name="bytes"/> after the block's colour: one extra huge page is reserved so
    /// that a 2 MiB boundary can be chosen, and the unused head and tail are unmapped again.
    /// </summary>
    private static Block MapHuge(long bytes)
    {
        int colour = NextColour();
        long size = (bytes + colour + HugePageBytes - 1) / HugePageBytes * HugePageBytes;
        long reserved = size + HugePageBytes;
        byte* raw = Mmap(null, (nuint)reserved, ProtReadWrite, MapPrivateAnonymous, -1, 0);
        if (raw == (byte*)-1)
        {
            throw new OutOfMemoryException($"Could not map {reserved:N0} bytes for an index buffer (errno {Marshal.GetLastPInvokeError()}).");
        }

        byte* start = (byte*)(((nuint)raw + (nuint)HugePageBytes - 1) & ~((nuint)HugePageBytes - 1));
        long head = start - raw;
        long tail = reserved - head - size;
        if (head > 0)
        {
            _ = Munmap(raw, (nuint)head);
        }

        if (tail > 0)
        {
            _ = Munmap(start + size, (nuint)tail);
        }

        // Advice before the first touch, so the page faults can take 2 MiB frames. A kernel without THP answers
        // EINVAL; the block then stays on 4 KiB pages, which is correct, only slower.
        _ = Madvise(start, (nuint)size, MadviseHugePage);
        return new Block(start + colour, bytes, start, size);
    }

    /// <summary>The next block's offset from its 2 MiB boundary: golden-ratio steps over the set span, in cache lines.</summary>
    private static int NextColour()
    {
        uint n = (uint)Interlocked.Increment(ref _colours);
        const int lines = CacheSetSpan / 64;
        return (int)((n * 2654435769u) >> (32 - BitOperations.Log2(lines))) * 64;
    }

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial byte* Mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(void* address, nuint length);

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(void* address, nuint length, int advice);

    /// <summary>An allocated block: where its usable bytes start, how many there are, and what to free.</summary>
    internal readonly struct Block
    {
        public Block(byte* pointer, long bytes, byte* @base, long mappedBytes)
        {
            Pointer = pointer;
            Bytes = bytes;
            Base = @base;
            MappedBytes = mappedBytes;
        }

        /// <summary>The first usable byte (null for a default block).</summary>
        public byte* Pointer { get; }

        /// <summary>The usable bytes (at least the requested size).</summary>
        public long Bytes { get; }

        /// <summary>Whether the block is a mapping of its own (freed by unmapping), rather than a heap allocation.</summary>
        public bool IsMapped => MappedBytes > 0;

        /// <summary>The start of the allocation or mapping (before the colour).</summary>
        internal byte* Base { get; }

        /// <summary>The mapping's length in bytes (whole huge pages), or 0 for a heap allocation.</summary>
        internal long MappedBytes { get; }
    }
}
