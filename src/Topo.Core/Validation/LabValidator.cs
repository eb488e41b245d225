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
        var resolved = EndpointResolver.Resolve(file, names, problems);
        var stacked = DeviceResolver.Resolve(file, names, problems);
        var (links, named, interfaces) = InterfaceNamer.Assign(lab, names, resolved, stacked, problems);
        var macvlans = DeviceResolver.Place(named, interfaces, problems);
        BridgePorts.Check(names, links, problems);
        var devices = DeviceBuilder.Build(names, links, macvlans, problems);
        var addresses = AddressPlanner.Plan(names, links, macvlans, problems);
        Ipv6Mtu.Check(names, links, macvlans, addresses, problems);
        var routes = RouteRules.Resolve(file, names, interfaces, addresses, problems);
        var sysctls = SysctlRules.Resolve(file, names, interfaces, sysctlKeys, problems);
        var tables = NatRules.Build(lab, names, links, addresses, problems);
        var checks = CheckResolver.Resolve(file, names, interfaces, addresses, problems);
        if (problems.Any) return new ValidationResult(null, problems.Sorted());

        var desired = DesiredStateBuilder.Build(lab, names, devices, addresses, routes, sysctls, tables);
        return new ValidationResult(new ValidatedLab(lab, desired, checks), []);
    }
}
