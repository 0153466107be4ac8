using System.Runtime.InteropServices;

namespace MultiModal.Matching.AnnBench;

/// <summary>
/// CPU-time clocks (Linux <c>clock_gettime</c>): on a shared, overloaded machine the wall clock mostly
/// measures the other processes, while the CPU time a thread or process consumed does not.
/// </summary>
internal static partial class CpuClock
{
    private const int ProcessCpuTime = 2;
    private const int ThreadCpuTime = 3;

    /// <summary>Seconds of CPU time the calling thread has used.</summary>
    public static double ThreadSeconds() => Read(ThreadCpuTime);

    /// <summary>Seconds of CPU time the whole process has used.</summary>
    public static double ProcessSeconds() => Read(ProcessCpuTime);

    private static double Read(int clock)
    {
        if (clock_gettime(clock, out TimeSpec time) != 0)
        {
            throw new PlatformNotSupportedException("clock_gettime failed; --clock cpu needs Linux.");
        }

        return time.Seconds + (time.Nanoseconds * 1e-9);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int clock_gettime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
