using System.Collections.Immutable;
using Topo.Core.Model;
using Topo.Core.Parsing;
using Topo.Core.Validation;

namespace Topo.Core;

/// <summary>What loading a lab file gave: the checked lab, or every problem found, in file order.</summary>
public sealed record LoadResult(string File, ValidatedLab? Lab, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool Ok => Lab is not null && Diagnostics.IsEmpty;

    /// <summary>The diagnostics as <c>FILE:LINE:COL: PATH: message</c> lines.</summary>
    public IEnumerable<string> Lines => Diagnostics.Select(d => d.Format(File));
}

/// <summary>The pure front of topo: parse, then check. Validation runs only on a well-typed file.</summary>
public static class LabLoader
{
    /// <param name="sysctlKeys">Looks sysctl keys up under /proc/sys; without it only their form is checked.</param>
    public static LoadResult Load(string path, SysctlKeyProbe? sysctlKeys = null)
    {
        var parsed = LabParser.ParseFile(path);
        return Check(path, parsed, sysctlKeys);
    }

    public static LoadResult LoadText(string fileName, string text, SysctlKeyProbe? sysctlKeys = null) => Check(fileName, LabParser.Parse(text), sysctlKeys);

    private static LoadResult Check(string file, ParseResult parsed, SysctlKeyProbe? sysctlKeys)
    {
        if (!parsed.Ok) return new LoadResult(file, null, parsed.Diagnostics);
        var checkedLab = LabValidator.Validate(parsed.Lab!, sysctlKeys);
        return new LoadResult(file, checkedLab.Lab, checkedLab.Diagnostics);
    }
}
