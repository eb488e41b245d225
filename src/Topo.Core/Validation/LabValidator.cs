using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.Model;

namespace Topo.Core.Validation;

/// <summary>
/// Model to desired state: checks a parsed lab file against every rule of the format, then
/// names, addresses and routes it. All errors come at once, in file order; with any error
/// there is no lab.
/// </summary>
public static class LabValidator
{
    public const int SupportedVersion = 1;

    /// <param name="sysctlKeys">Looks the file's sysctl keys up under /proc/sys (the Linux side gives it before a plan or an apply); null checks their form only.</param>
    public static ValidationResult Validate(LabFile file, SysctlKeyProbe? sysctlKeys = null)
    {
        var problems = new Problems();
        if (file.Version.Value != SupportedVersion)
            problems.Add(file.Version.Mark, "version", $"version {file.Version.Value} is not supported (write version: {SupportedVersion})");
        var lab = file.Lab.Value;
        if (!LabName.IsValid(lab))
            problems.Add(file.Lab.Mark, "lab", LabName.Message(lab));

        var names = LabNames.Check(file, problems);
        var machines = MachineRules.Check(file, names, problems);
        var resolved = EndpointResolver.Resolve(file, names, problems);
        var stacked = DeviceResolver.Resolve(file, names, problems);
        var (links, named, interfaces) = InterfaceNamer.Assign(lab, names, resolved, stacked, problems);
        var macvlans = DeviceResolver.Place(named, interfaces, problems);
        BridgePorts.Check(names, links, problems);
        var devices = DeviceBuilder.Build(names, links, macvlans, problems);
        var qdiscs = ConditionRules.Build(links, macvlans, problems);
        var existingPorts = ExistingPorts.Resolve(names, interfaces, problems);
        var addresses = AddressPlanner.Plan(names, links, macvlans, problems);
        Ipv6Mtu.Check(names, links, macvlans, addresses, problems);
        var routes = RouteRules.Resolve(file, names, interfaces, addresses, problems);
        var sysctls = SysctlRules.Resolve(file, names, interfaces, sysctlKeys, problems);
        var shares = HostShares.Place(lab, machines, names, links, macvlans, problems);
        // On several machines each has a table of its own, for its own bridges and nodes (a port is the host's of its node).
        ImmutableArray<NftTableResource> TablesOn(string host) => NatRules.Build(lab, names with
        {
            Nodes = [.. names.Nodes.Where(n => machines.NodeHost.GetValueOrDefault(n.Name.Value) == host)],
            Bridges = [.. names.Bridges.Where(b => machines.BridgeHost.GetValueOrDefault(b.Name) == host)],
        }, shares!.LinksOn(host, links), addresses, problems);
        var tablesOn = shares is null ? null : machines.All.ToDictionary(m => m.Name, m => TablesOn(m.Name), StringComparer.Ordinal);
        var tables = tablesOn is null ? NatRules.Build(lab, names, links, addresses, problems) : [.. tablesOn.Values.SelectMany(t => t)];
        sysctls = [.. sysctls, .. NatRules.Sysctls(tables, sysctls)];
        var checks = CheckResolver.Resolve(file, names, interfaces, addresses, problems);
        if (problems.Any) return new ValidationResult(null, problems.Sorted());

        var built = DesiredStateBuilder.Build(lab, names, [.. devices, .. existingPorts, .. qdiscs], addresses, routes, sysctls, tables);
        // Last: the names follow whatever addresses the desired state holds.
        var desired = built with { Resources = [.. built.Resources, .. NodeNames.Files(file, names, links, built).Select(f => f with { Owner = lab })] };
        CheckNaming.Resolvable(file, names, desired, problems);
        if (problems.Any) return new ValidationResult(null, problems.Sorted());
        var validated = new ValidatedLab(lab, desired, checks) { Hosts = machines.All, HostOfNode = machines.NodeHost };
        if (shares is null) return new ValidationResult(validated, []);
        var whole = desired with { Resources = [.. desired.Resources.Where(r => r is not NftTableResource)] };
        return new ValidationResult(validated with { Shares = shares.Build(whole, host => tablesOn![host]) }, []);
    }
}
