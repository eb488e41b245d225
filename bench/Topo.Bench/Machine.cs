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

    /// <summary>The title and the lines every report of a run other than the main one starts with: where, how loaded, which topo.</summary>
    public System.Text.StringBuilder Header(string title, BenchOptions options) => new System.Text.StringBuilder()
        .AppendLine($"# {title}").AppendLine()
        .AppendLine($"- machine: {Cpu}, {Cores} cores; kernel {Kernel}; {Date}")
        .AppendLine($"- load average (1/5/15 min) before: {LoadBefore}; after: {LoadAfter}")
        .AppendLine($"- topo: `{options.Topo}` ({options.Build}); {options.Repeats} repeats; wall clock in ms, process start-up included");

    /// <summary>The 1, 5 and 15 minute load averages.</summary>
    public static string Load() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
