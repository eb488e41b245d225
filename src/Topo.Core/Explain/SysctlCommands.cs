using Topo.Core.State;

namespace Topo.Core.Explain;

/// <summary>
/// Sysctls by hand. On the host topo first keeps the value it finds, so that <c>down</c> can put
/// it back; a namespace's sysctls go with the namespace, so nothing is kept for them.
/// </summary>
internal sealed class SysctlCommands(string lab, string stateDirectory)
{
    public IEnumerable<string> Write(SysctlResource s)
    {
        if (s.Ns.Length == 0) yield return $"# topo first keeps the value it finds in {Record(s)}, for down to put back";
        yield return $"{Where.Exec(s.Ns)}sysctl -w {ShellWords.Quote($"{s.Name}={s.Value}")}";
    }

    public IEnumerable<string> Release(SysctlResource s)
    {
        if (s.Ns.Length != 0)
        {
            yield return "# nothing to type: topo leaves a namespace's sysctl as it is, and it goes with the namespace";
            yield break;
        }

        var record = ShellWords.Quote(Record(s));
        yield return $"sysctl -w {ShellWords.Quote(s.Name)}=\"$(cat {record})\"";
        yield return $"rm {record}";
    }

    private string Record(SysctlResource s) => $"{stateDirectory}/{lab}/sysctl/{s.Name}";
}
