#Requires -RunAsAdministrator
<#
.SYNOPSIS
    Lock a Windows Enterprise, Education or IoT Enterprise PC down as a pass Culture kiosk
    with Shell Launcher v2: the kiosk replaces Explorer for a dedicated account.

.DESCRIPTION
    Run once per PC, as an administrator, after installing the MSI (docs/deploy-windows.md).
    1. Creates (or reuses) the local standard account -Account, with a random password that
       nobody needs to know, and signs it in automatically at start-up (password kept as an
       LSA secret, never in clear in the registry).
    2. Configures Shell Launcher v2 through the Assigned Access CSP (MDM WMI bridge class
       MDM_AssignedAccess, property ShellLauncher, run as LocalSystem as the bridge demands):
       for that account the shell is Start-Kiosk.ps1, which completes a pending enrollment
       and runs passculture-kiosk.exe; when the kiosk exits, whatever the code, Shell
       Launcher restarts it (RestartShell). Every other account keeps Explorer.
       -Legacy uses the Shell Launcher WMI provider instead (WESL_UserSetting in
       root\standardcimv2\embedded, the v1 interface; enables the Client-EmbeddedShellLauncher
       feature first), for images where the MDM bridge is not available.
    3. Sets the account's policies (no Task Manager, no Windows-key shortcuts, no
       notifications), disables edge swipes and screen sleep, blocks the leave-the-kiosk
       keys with Keyboard Filter (administrators are exempt), and narrows a pending
       enrollment to the kiosk account.
    Restart the PC to start the kiosk. Remove-KioskLockdown.ps1 undoes all of it.

.PARAMETER Account
    Name of the local kiosk account (created when missing). Default: kiosk.

.PARAMETER Legacy
    Configure Shell Launcher with WESL_UserSetting instead of the Assigned Access CSP.

.PARAMETER NoKeyboardFilter
    Leave Keyboard Filter alone.

.EXAMPLE
    powershell -ExecutionPolicy Bypass -File "C:\Program Files\passculture-kiosk\tools\lockdown\Set-ShellLauncher.ps1"
#>
param(
    [ValidatePattern('^[^\\/"\[\]:;|=,+*?<>@]{1,20}$')]
    [string] $Account = 'kiosk',
    [switch] $Legacy,
    [switch] $NoKeyboardFilter
)

Set-StrictMode -Version 3
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'KioskLockdown.psm1') -Force

# Fixed, so that running the script again replaces its own profile instead of adding one.
$ProfileId = '{6C1F3E0A-9B5D-4C2E-8F47-2D8A1B3C5E90}'
$ShellLauncherV1 = 'http://schemas.microsoft.com/ShellLauncher/2018/Configuration'
$ShellLauncherV2 = 'http://schemas.microsoft.com/ShellLauncher/2019/Configuration'

$edition = Get-KioskEdition
if ($edition -ne 'ShellLauncher') {
    throw "Shell Launcher needs Windows Enterprise, Education or IoT Enterprise (this PC: $edition). On Windows Pro, run Set-ProKiosk.ps1 instead."
}

$launcher = Get-KioskLauncherCommand
$password = New-KioskPassword
$sid = Initialize-KioskAccount -Name $Account -Password $password
Set-KioskAutoLogon -Name $Account -Password $password
Set-KioskUserPolicies -Sid $sid -Name $Account
Set-KioskMachinePolicies
Protect-PendingEnrollment -Sid $sid

if ($Legacy) {
    $feature = Get-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher
    if ($feature.State -ne 'Enabled') {
        Enable-WindowsOptionalFeature -Online -FeatureName Client-EmbeddedShellLauncher -NoRestart -All | Out-Null
        Write-KioskLog 'Shell Launcher feature enabled'
    }
    $namespace = 'root\standardcimv2\embedded'
    $shell = Get-CimClass -Namespace $namespace -ClassName WESL_UserSetting
    $restartShell = 0  # DefaultAction: 0 restart the shell, 1 restart the PC, 2 shut down
    Invoke-CimMethod -CimClass $shell -MethodName SetDefaultShell -Arguments @{
        Shell = 'explorer.exe'; DefaultAction = $restartShell } | Out-Null
    Invoke-CimMethod -CimClass $shell -MethodName SetCustomShell -Arguments @{
        Sid = $sid; Shell = $launcher; DefaultAction = $restartShell } | Out-Null
    Invoke-CimMethod -CimClass $shell -MethodName SetEnabled -Arguments @{ Enabled = $true } | Out-Null
    Write-KioskLog "Shell Launcher (WESL_UserSetting): the shell of $Account is the kiosk, restarted on exit"
} else {
    $escape = { param($text) [System.Security.SecurityElement]::Escape($text) }
    $configuration = @"
<?xml version="1.0" encoding="utf-8"?>
<ShellLauncherConfiguration xmlns="$ShellLauncherV1" xmlns:V2="$ShellLauncherV2">
  <Profiles>
    <DefaultProfile>
      <Shell Shell="%SystemRoot%\explorer.exe"/>
    </DefaultProfile>
    <Profile Id="$ProfileId" Name="pass Culture kiosk">
      <Shell Shell="$(& $escape $launcher)" V2:AppType="Desktop" V2:AllAppsFullScreen="true">
        <DefaultAction Action="RestartShell"/>
      </Shell>
    </Profile>
  </Profiles>
  <Configs>
    <Config>
      <Account Name="$(& $escape $Account)"/>
      <Profile Id="$ProfileId"/>
    </Config>
  </Configs>
</ShellLauncherConfiguration>
"@
    [xml]$configuration | Out-Null  # well-formed before Windows sees it
    $encoded = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($configuration))
    $apply = @"
`$xml = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('$encoded'))
`$bridge = Get-CimInstance -Namespace 'root\cimv2\mdm\dmmap' -ClassName 'MDM_AssignedAccess'
`$bridge.ShellLauncher = [System.Net.WebUtility]::HtmlEncode(`$xml)
Set-CimInstance -CimInstance `$bridge | Out-Null
"@
    Invoke-AsSystem -Script $apply | Out-Null
    Write-KioskLog "Shell Launcher v2 (Assigned Access CSP): the shell of $Account is the kiosk, restarted on exit"
}

if (-not $NoKeyboardFilter) {
    $state = Enable-KioskKeyboardFilter
    if ($state -eq 'RebootRequired') {
        Write-KioskLog 'after the restart, run this script again once to block the keys'
    }
}
Write-KioskLog "done: restart the PC; $Account signs in and the kiosk starts"
