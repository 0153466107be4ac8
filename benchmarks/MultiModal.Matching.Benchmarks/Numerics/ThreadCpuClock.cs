using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace MultiModal.Matching.Benchmarks.Numerics;

/// <summary>
/// A BenchmarkDotNet clock that reads the calling thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>, ns),
/// so that time slices lost to other processes on a shared, overloaded machine are not counted. It still
/// counts cache and memory-bus interference, so figures remain pessimistic; it is used next to, not instead
/// of, the wall clock. Linux only.
/// </summary>
public sealed partial class ThreadCpuClock : IClock
{
    private const int ClockThreadCpuTimeId = 3;

    public string Title => "Thread CPU time";

    public bool IsAvailable => OperatingSystem.IsLinux();

    public Frequency Frequency => Frequency.GHz;

    public long GetTimestamp()
    {
        ClockGetTime(ClockThreadCpuTimeId, out TimeSpec t);
        return (t.Seconds * 1_000_000_000L) + t.Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
