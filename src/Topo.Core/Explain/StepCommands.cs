using System.Collections.Immutable;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Explain;

/// <summary>
/// What a person would type to carry out one plan step by hand: <c>ip</c>, <c>nft</c> and
/// <c>sysctl</c> commands, in the order topo's own kernel steps go, marks included, so that a lab
/// built by hand is the lab's as much as one built by <c>topo apply</c>. A command may span
/// lines (an <c>nft</c> here-document); a line starting with <c>#</c> is a note, not a command.
/// </summary>
public static class StepCommands
{
    public const string DefaultStateDirectory = "/run/topo";

    /// <param name="stateDirectory">Where topo keeps a host sysctl's value from before the lab.</param>
    public static ImmutableArray<string> Of(Change step, string lab, string stateDirectory = DefaultStateDirectory)
    {
        var mark = Ownership.Mark(lab);
        var sysctls = new SysctlCommands(lab, stateDirectory);
        return step.Action switch
        {
            // A route written again after its interface's address changed may have survived: replace, as apply does.
            ChangeAction.Create when step is { Before: not null, After: RouteResource r } => [Route(r, "replace")],
            ChangeAction.Create => [.. Create(step.After!, mark, sysctls)],
            ChangeAction.Update => [.. Update(step, sysctls)],
            ChangeAction.Replace => [.. Delete(step.Before!, sysctls), .. Create(step.After!, mark, sysctls)],
            _ => [.. Delete(step.Before!, sysctls)],
        };
    }

    private static IEnumerable<string> Create(Resource resource, string mark, SysctlCommands sysctls) => resource switch
    {
        NamespaceResource n =>
        [
            $"ip netns add {ShellWords.Quote(n.Name)}",
            $"{Where.Ip(n.Name)} link set lo up",
            // The namespace's own mark: a namespace has no alias, its loopback does.
            $"{Where.Ip(n.Name)} link set lo alias {ShellWords.Quote(mark)}",
        ],
        BridgeResource b => LinkCommands.CreateBridge(b, mark),
        VethResource v => LinkCommands.CreateVeth(v, mark),
        MacvlanResource m => LinkCommands.CreateMacvlan(m, mark),
        AddressResource a => [$"{Where.Ip(a.Ns)} addr add {a.Cidr} dev {ShellWords.Quote(a.Device)}"],
        RouteResource r => [Route(r, "add")],
        SysctlResource s => sysctls.Write(s),
        NftTableResource t => [NftScript.Create(t)],
        _ => throw new ArgumentException($"topo does not make a {resource.GetType().Name}"),
    };

    private static IEnumerable<string> Update(Change step, SysctlCommands sysctls) => step.After switch
    {
        NamespaceResource n => [$"{Where.Ip(n.Name)} link set lo up"],
        BridgeResource b => LinkCommands.Update(b.Device, step.Attrs.Select(c => (c.Name, c.New))),
        VethResource v => UpdateEnd("a.", v.A, step.Attrs).Concat(UpdateEnd("b.", v.B, step.Attrs)),
        MacvlanResource m => LinkCommands.Update(m.Device, step.Attrs.Select(c => (c.Name, c.New))),
        RouteResource r => [Route(r, "replace")],
        SysctlResource s => sysctls.Write(s),
        NftTableResource t => [NftScript.Replace(t)],
        _ => throw new ArgumentException($"a {step.After?.GetType().Name} cannot be changed in place"),
    };

    private static IEnumerable<string> Delete(Resource resource, SysctlCommands sysctls) => resource switch
    {
        NamespaceResource n => [$"ip netns del {ShellWords.Quote(n.Name)}"],
        BridgeResource b => [LinkCommands.Delete(b.Device)],
        // Deleting one end deletes the pair.
        VethResource v => [LinkCommands.Delete(v.A)],
        OtherLinkResource o => [LinkCommands.Delete(o.Device)],
        MacvlanResource m => [LinkCommands.Delete(m.Device)],
        AddressResource a => [$"{Where.Ip(a.Ns)} addr del {a.Cidr} dev {ShellWords.Quote(a.Device)}"],
        RouteResource r => [Route(r, "del")],
        SysctlResource s => sysctls.Release(s),
        NftTableResource t => [NftScript.Delete(t)],
        _ => throw new ArgumentException($"topo does not delete a {resource.GetType().Name}"),
    };

    private static IEnumerable<string> UpdateEnd(string prefix, LinkEnd end, ImmutableArray<AttrChange> changes) =>
        LinkCommands.Update(end, changes.Where(c => c.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(c => (c.Name[prefix.Length..], c.New)));

    // topo's protocol marks the route; a deletion outside the lab's namespaces takes only a route so marked.
    private static string Route(RouteResource r, string verb) =>
        $"{Where.Ip(r.Ns)} route {verb} {r.To}" +
        (r.Via is null ? "" : $" via {r.Via}") + (r.Device is null ? "" : $" dev {ShellWords.Quote(r.Device)}") +
        (verb != "del" || !Netns.IsNamed(r.Ns) ? $" proto {Ownership.RouteProtocol}" : "");
}
