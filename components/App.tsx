import React, {useReducer, useState} from 'react';
import {Box, useApp, useInput} from 'ink';
import {DepsProvider, type AppDeps} from './deps.js';
import {Header} from './Header.js';
import {HelpOverlay} from './HelpOverlay.js';
import {Home, HOME_KEYS, type HomeChoice} from './Home.js';
import {appReducer, currentScreen, initialAppState, type Screen} from './hooks/app-reducer.js';
import {isBack, isHelp, isQuit, type KeyHelp} from './keys.js';
import {TextEntryProvider} from './text-entry.js';
import {InputActive} from './input.js';
import {RepositoryScreen, REPOSITORY_KEYS} from './repository/RepositoryScreen.js';
import {Wizard, WIZARD_KEYS} from './wizard/Wizard.js';
import {HandshakeScreen, HANDSHAKE_KEYS} from './handshake/HandshakeScreen.js';
import {WalkthroughScreen, WALKTHROUGH_KEYS} from './walkthrough/WalkthroughScreen.js';
import {SessionsScreen, SESSIONS_KEYS} from './sessions/SessionsScreen.js';
import {AttackLabScreen, ATTACK_LAB_KEYS} from './attack/AttackLabScreen.js';

export interface AppProps {
  readonly deps: AppDeps;
  readonly initialScreen?: Screen;
}

const TITLES: Record<Screen['name'], string> = {
  home: 'secure session handshake',
  wizard: 'create a session',
  handshake: 'live handshake',
  walkthrough: 'walkthrough',
  sessions: 'stored sessions',
  repository: 'repository',
  attack: 'attack lab',
};

const KEYS: Record<Screen['name'], readonly KeyHelp[]> = {
  home: HOME_KEYS,
  wizard: WIZARD_KEYS,
  handshake: HANDSHAKE_KEYS,
  walkthrough: WALKTHROUGH_KEYS,
  sessions: SESSIONS_KEYS,
  repository: REPOSITORY_KEYS,
  attack: ATTACK_LAB_KEYS,
};

/** The app: a header, the current screen from the navigation reducer, and the `?` overlay. */
export function App({deps, initialScreen}: AppProps) {
  const {exit} = useApp();
  const [state, dispatch] = useReducer(appReducer, initialAppState(initialScreen));
  const [typing, setTyping] = useState(false);
  const screen = currentScreen(state);
  const back = () => dispatch({type: 'back'});
  const home = () => dispatch({type: 'home'});

  useInput((input, key) => {
    if (state.help && (isBack(input, key) || isHelp(input))) dispatch({type: 'toggle-help'});
    else if (typing) return;
    else if (isHelp(input)) dispatch({type: 'toggle-help'});
    else if (isQuit(input, key)) exit();
  });

  const choose = (choice: HomeChoice) => {
    if (choice === 'quit') exit();
    else if (choice === 'help') dispatch({type: 'toggle-help'});
    else if (choice === 'create') dispatch({type: 'open', screen: {name: 'wizard'}});
    else dispatch({type: 'open', screen: {name: choice}});
  };

  const active = !state.help;
  return (
    <DepsProvider deps={deps}>
      <TextEntryProvider onChange={setTyping}>
        <Box flexDirection="column">
          <Header title={TITLES[screen.name]} />
          {state.help ? <HelpOverlay screenKeys={KEYS[screen.name]} /> : null}
          <InputActive active={active}>
          <Box display={active ? 'flex' : 'none'} flexDirection="column">
            {screen.name === 'home' ? <Home onChoose={choose} isActive={active} /> : null}
            {screen.name === 'repository' ? <RepositoryScreen onBack={back} isActive={active} /> : null}
            {screen.name === 'wizard' ? (
              <Wizard suite={screen.suite} onBack={back} onDone={(request) => dispatch({type: 'replace', screen: {name: 'handshake', request}})} />
            ) : null}
            {screen.name === 'handshake' ? (
              <HandshakeScreen request={screen.request} onHome={home} onBack={back}
                onOpenSession={(id) => dispatch({type: 'replace', screen: {name: 'sessions', focusId: id}})} />
            ) : null}
            {screen.name === 'walkthrough' ? <WalkthroughScreen onBack={back} isActive={active} /> : null}
            {screen.name === 'attack' ? <AttackLabScreen onBack={back} isActive={active} /> : null}
            {screen.name === 'sessions' ? <SessionsScreen focusId={screen.focusId} onBack={back} isActive={active} /> : null}
          </Box>
          </InputActive>
        </Box>
      </TextEntryProvider>
    </DepsProvider>
  );
}
