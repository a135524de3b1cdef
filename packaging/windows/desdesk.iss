; Inno Setup script for desdesk on Windows (Inno Setup 6).
; First build the one-folder app on Windows from the repository root:
;   py -3.11 -m venv .venv-package
;   .venv-package\Scripts\pip install -e ".[package]"
;   .venv-package\Scripts\pyinstaller --noconfirm packaging\desdesk.spec
; then compile this script:   iscc packaging\windows\desdesk.iss
; The installer is written to dist\installer\desdesk-<version>-setup.exe.

#define AppName "desdesk"
#define AppVersion "0.1.0"
#define AppPublisher "desdesk"
#define GuiExe "desdesk-gui.exe"

[Setup]
AppId={{6C1E0F52-3B7A-4D4E-9C61-2F0D5D8E4A17}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher={#AppPublisher}
AppComments=Gestione dei Distretti di Economia Solidale (DES)
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; Per-user by default (no administrator needed); the dialog offers all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
SourceDir=..\..
OutputDir=dist\installer
OutputBaseFilename=desdesk-{#AppVersion}-setup
SetupIconFile=packaging\icons\desdesk.ico
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppName} {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "italian"; MessagesFile: "compiler:Languages\Italian.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
italian.AssocTask=Apri i file di distretto (.des) con desdesk
english.AssocTask=Open district files (.des) with desdesk
italian.DesFile=Distretto desdesk
english.DesFile=desdesk district

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "associate"; Description: "{cm:AssocTask}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "dist\desdesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#GuiExe}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; Tasks: desktopicon

[Registry]
; The .des association, under HKCU or HKLM as the install mode says (HKA); removed on uninstall.
Root: HKA; Subkey: "Software\Classes\.des"; ValueType: string; ValueName: ""; ValueData: "desdesk.District"; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\.des\OpenWithProgids"; ValueType: string; ValueName: "desdesk.District"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKA; Subkey: "Software\Classes\desdesk.District"; ValueType: string; ValueName: ""; ValueData: "{cm:DesFile}"; Flags: uninsdeletekey; Tasks: associate
Root: HKA; Subkey: "Software\Classes\desdesk.District\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#GuiExe},0"; Tasks: associate
Root: HKA; Subkey: "Software\Classes\desdesk.District\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#GuiExe}"" ""%1"""; Tasks: associate
Root: HKA; Subkey: "Software\Classes\Applications\{#GuiExe}\SupportedTypes"; ValueType: string; ValueName: ".des"; ValueData: ""; Flags: uninsdeletekey

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
