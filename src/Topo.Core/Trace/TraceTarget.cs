using System.Collections.Immutable;
using Topo.Core.Model;
using Topo.Core.Parsing;
using Topo.Core.Validation;

namespace Topo.Core.Trace;

/// <summary>Where a trace starts and what it sends to, resolved as a check's <c>from</c> and <c>to</c> are.</summary>
public sealed record TraceTarget(LabFile File, ValidatedLab Lab, ResolvedCheck Probe);

/// <summary>
/// <c>topo trace FILE FROM TO[:PORT]</c> names its ends the way a check does, so the trace resolves them
/// by validating the file with that one check in place of its own: one set of rules for names, ports
/// and families, and the same words when one is wrong.
/// </summary>
public static class TraceTargets
{
    /// <returns>The target, or the problems as lines (the file's own, or what is wrong with FROM, TO or the protocol).</returns>
    public static (TraceTarget? Target, ImmutableArray<string> Errors) Resolve(string path, string from, string to, string? protocol)
    {
        var parsed = LabParser.ParseFile(path);
        if (!parsed.Ok) return (null, [.. parsed.Diagnostics.Select(d => d.Format(path))]);
        var file = parsed.Lab!;
        var check = new CheckSpec(Here(from), Here(to), protocol is null ? null : Here(protocol), Here("reach"), null);
        var checkedLab = LabValidator.Validate(file with { Checks = [check] });
        if (checkedLab.Lab is not { } lab || !checkedLab.Diagnostics.IsEmpty)
            return (null, [.. checkedLab.Diagnostics.Select(d => d.Mark == SourceMark.None ? Argument(d) : d.Format(path))]);
        return (new TraceTarget(file, lab, lab.Checks[0]), []);
    }

    private static Located<string> Here(string value) => new(value, SourceMark.None);

    // The check is the command line's, not the file's: its problems name the argument, not a line.
    private static string Argument(Diagnostic d)
    {
        var what = d.Path.EndsWith(".from", StringComparison.Ordinal) ? "FROM" : d.Path.EndsWith(".to", StringComparison.Ordinal) ? "TO" : d.Path.EndsWith(".proto", StringComparison.Ordinal) ? "--proto" : "trace";
        return $"topo trace: {what}: {d.Message}";
    }
}
