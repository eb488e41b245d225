using System.Globalization;

namespace Topo.Bench;

/// <summary>What the numbers were measured on: they mean little without it.</summary>
public sealed record Machine(string Cpu, int Cores, string Kernel, string Date, string LoadBefore, string LoadAfter)
{
    public static Machine Now(string loadBefore) => new(
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown",
        Environment.ProcessorCount,
        File.ReadAllText("/proc/sys/kernel/osrelease").Trim(),
        DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        loadBefore,
        Load());

    /// <summary>The 1, 5 and 15 minute load averages.</summary>
    public static string Load() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
