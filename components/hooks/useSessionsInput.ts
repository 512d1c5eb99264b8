import type {Dispatch} from 'react';
import {useScreenInput} from '../input.js';
import {isBack, isDown, isEnter, isUp} from '../keys.js';
import {selectedSession, type SessionsAction, type SessionsState} from './sessions-reducer.js';
import type {SessionActions} from './useSessionActions.js';

/** Printable text of a key press (a paste may bring several characters); empty for control keys. */
const printable = (input: string) => input.replace(/[\u0000-\u001F\u007F]/g, '');

/**
 * Maps keys onto the browser's reducer and actions. A y/n question, the export path field and the filter
 * field each take the keys first; otherwise: move, Enter opens, Esc goes detail → list (clearing a filter) → back.
 */
export function useSessionsInput(state: SessionsState, dispatch: Dispatch<SessionsAction>, actions: SessionActions, onBack: () => void, pageSize: number, isActive = true): void {
  useScreenInput((input, key) => {
    const selected = selectedSession(state);
    const find = (id: string) => state.sessions.find((s) => s.id === id);
    if (state.confirm) {
      const target = find(state.confirm.id);
      if ((input === 'y' || input === 'Y') && target) {
        if (state.confirm.kind === 'delete') actions.remove(target);
        else actions.exportTo(target, state.confirm.path, true);
      } else if (input === 'n' || input === 'N' || isBack(input, key) || !target) dispatch({type: 'cancel'});
      return;
    }
    if (state.exporting) {
      if (isBack(input, key)) dispatch({type: 'cancel'});
      return; // the text field handles the rest (Enter submits)
    }
    if (state.filtering) {
      if (isBack(input, key)) dispatch({type: 'filter-clear'});
      else if (key.return) dispatch({type: 'filter-done'});
      else if (key.upArrow || key.downArrow) dispatch({type: 'move', delta: key.upArrow ? -1 : 1});
      else if (key.backspace || key.delete) dispatch({type: 'filter-set', text: state.filter.slice(0, -1)});
      else if (!key.ctrl && !key.meta && printable(input) !== '') dispatch({type: 'filter-set', text: state.filter + printable(input)});
      return;
    }
    if (isBack(input, key)) {
      if (state.view === 'detail') dispatch({type: 'close'});
      else if (state.filter !== '') dispatch({type: 'filter-clear'});
      else onBack();
      return;
    }
    if (state.view === 'list') {
      if (isUp(input, key) || isDown(input, key)) dispatch({type: 'move', delta: isUp(input, key) ? -1 : 1});
      else if (key.pageUp || key.pageDown) dispatch({type: 'move', delta: key.pageUp ? -pageSize : pageSize});
      else if (isEnter(input, key)) dispatch({type: 'open'});
      else if (input === '/') dispatch({type: 'filter-start'});
      else if (input === 's') dispatch({type: 'cycle-sort'});
      else if (input === 'r') dispatch({type: 'reverse-sort'});
    } else if (input === 'R') dispatch({type: 'toggle-reveal'});
    if (!selected) return;
    if (input === 'v') actions.verify(selected);
    else if (input === 'd') dispatch({type: 'ask', confirm: {kind: 'delete', id: selected.id}});
    else if (input === 'e') actions.startExport(selected);
  }, {isActive});
}
