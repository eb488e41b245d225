using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Explain;

/// <summary>
/// Sysctls by hand. On the host topo first keeps the value it finds (unless a lab kept one already) and
/// notes that the lab holds the key, so that the last lab's <c>down</c> can put it back; a namespace's
/// sysctls go with the namespace, so nothing is kept for them.
/// </summary>
internal sealed class SysctlCommands(string lab, string stateDirectory)
{
    public IEnumerable<string> Write(SysctlResource s)
    {
        if (s.Ns.IsHost) yield return $"# topo first keeps the value it finds in {Kept(s)} unless a lab kept one already, and notes in {Claim(s)} that this lab holds the key";
        yield return $"{Where.Exec(s.Ns)}sysctl -w {ShellWords.Quote($"{s.Name}={s.Value}")}";
    }

    public IEnumerable<string> Release(SysctlResource s)
    {
        if (!s.Ns.IsHost)
        {
            yield return "# nothing to type: topo leaves a namespace's sysctl as it is, and it goes with the namespace";
            yield break;
        }

        var kept = ShellWords.Quote(Kept(s));
        yield return $"rm -f {ShellWords.Quote(Claim(s))}";
        yield return "# the value kept goes back only when no other lab still holds the key";
        yield return $"ls {ShellWords.Quote(stateDirectory)}/*/sysctl/{ShellWords.Quote(s.Name)} >/dev/null 2>&1 || {{ sysctl -w {ShellWords.Quote(s.Name)}=\"$(cat {kept})\" && rm {kept}; }}";
    }

    private string Kept(SysctlResource s) => $"{stateDirectory}/_sysctl/{s.Name}";

    private string Claim(SysctlResource s) => $"{stateDirectory}/{lab}/sysctl/{s.Name}";
}
